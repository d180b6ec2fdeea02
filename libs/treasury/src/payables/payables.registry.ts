import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { PAYABLE_SOURCE_METADATA, type PayableSource } from './payable-source.js';

/** Every payable source the features provide (marked `@Payable()`), found once the modules are up. */
@Injectable()
export class PayablesRegistry implements OnModuleInit {
  private sources: PayableSource[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, PayableSource>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance === null || typeof instance !== 'object') continue;
      if (this.reflector.get<boolean | undefined>(PAYABLE_SOURCE_METADATA, instance.constructor) !== true)
        continue;
      const source = instance as PayableSource;
      const other = found.get(source.kind);
      if (other !== undefined && other !== source)
        throw new Error(`Two payable sources of kind "${source.kind}"`);
      found.set(source.kind, source);
    }
    // A stable order: the order in which a pass plans the sources' obligations.
    this.sources = [...found.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  all(): readonly PayableSource[] {
    return this.sources;
  }

  byKind(kind: string): PayableSource {
    const source = this.sources.find((candidate) => candidate.kind === kind);
    if (source === undefined) throw new Error(`No payable source of kind "${kind}" is provided`);
    return source;
  }
}
