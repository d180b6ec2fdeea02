import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { Public } from '@guildhall/core/nest';
import { AccessPolicyCheck } from './access-policy.check.js';

@Resolver()
class MarkedResolver {
  @Public()
  @Query(() => String)
  open(): string {
    return 'ok';
  }
}

@Resolver()
class UnmarkedResolver {
  @Query(() => String)
  forgotten(): string {
    return 'leak';
  }
}

async function boot(...resolvers: Array<new () => object>): Promise<void> {
  @Module({ imports: [DiscoveryModule], providers: [AccessPolicyCheck, ...resolvers] })
  class TestModule {}
  const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
  try {
    await moduleRef.init();
  } finally {
    await moduleRef.close();
  }
}

describe('AccessPolicyCheck', () => {
  it('lets resolvers that state their access boot', async () => {
    await expect(boot(MarkedResolver)).resolves.toBeUndefined();
  });

  it('fails boot naming every query, mutation or subscription without an access marker', async () => {
    await expect(boot(MarkedResolver, UnmarkedResolver)).rejects.toThrow(
      'Resolvers without an access marker (@Public(), @SignedWrite() or @SpendingKeyAccess()): UnmarkedResolver.forgotten (Query)',
    );
  });
});
