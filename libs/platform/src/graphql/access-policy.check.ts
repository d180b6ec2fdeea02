import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type Access } from '@guildhall/core/nest';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

/**
 * Fails boot when a query, mutation or subscription does not state who may call it
 * (`@Public()`, `@SignedWrite()` or `@SpendingKeyAccess()`): forgetting is caught before the first request, not after a leak.
 */
@Injectable()
export class AccessPolicyCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const unmarked: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance === null || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (prototype as Record<string, unknown>)[name];
        if (typeof method !== 'function') continue;
        const rootType = this.reflector.get<string | undefined>(RESOLVER_TYPE_METADATA, method);
        if (rootType === undefined || !ROOT_TYPES.has(rootType)) continue;
        const access =
          this.reflector.get<Access | undefined>(ACCESS_METADATA, method) ??
          this.reflector.get<Access | undefined>(ACCESS_METADATA, prototype.constructor);
        if (access === undefined) unmarked.push(`${prototype.constructor.name}.${name} (${rootType})`);
      }
    }
    if (unmarked.length > 0) {
      throw new Error(
        `Resolvers without an access marker (@Public(), @SignedWrite() or @SpendingKeyAccess()): ${unmarked.join(', ')}`,
      );
    }
  }
}
