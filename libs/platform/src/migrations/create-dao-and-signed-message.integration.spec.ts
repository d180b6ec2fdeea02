import { DaoEntity } from '@guildhall/dao/datasources';
import type { QueryFailedError } from 'typeorm';
import { SignedMessageEntity } from '@guildhall/signed-writes/datasources';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { entities } from '../entities.js';

const pgCode = (error: unknown): string | undefined => (error as QueryFailedError & { code?: string }).code;

const aDao = (
  slug: string,
): Pick<DaoEntity, 'slug' | 'name' | 'chainId' | 'governanceToken' | 'safeAddress'> => ({
  slug,
  name: `DAO ${slug}`,
  chainId: 31337,
  governanceToken: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  safeAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
});

const aMessage = (
  hashDigit: string,
  daoId: string | null,
): Omit<SignedMessageEntity, 'id' | 'receivedAt' | 'result'> => ({
  daoId,
  chainId: 31337,
  signer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  primaryType: 'CastVote',
  typedDataHash: `0x${hashDigit.repeat(64)}`,
  typedData: {
    domain: { name: 'Guildhall', version: '1', chainId: 31337 },
    types: { CastVote: [{ name: 'weight', type: 'uint256' }] },
    primaryType: 'CastVote',
    message: { weight: '1500000000000000000' },
  },
  signature: `0x${'ab'.repeat(65)}`,
});

describe('the first migration', () => {
  let db: TestDatabase;
  let daoId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ entities });
    ({ id: daoId } = await db.dataSource.getRepository(DaoEntity).save(aDao('guild-one')));
  });
  afterAll(() => db.drop());

  describe('dao', () => {
    it('defaults the id and timestamps', async () => {
      const dao = await db.dataSource.getRepository(DaoEntity).findOneByOrFail({ id: daoId });
      expect(dao).toMatchObject({
        ...aDao('guild-one'),
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      });
      expect(dao.createdAt).toBeInstanceOf(Date);
      expect(dao.updatedAt.getTime()).toBe(dao.createdAt.getTime());
    });

    it.each(['ab', 'x'.repeat(41), 'Guild', 'guild_one', '-guild', 'guild-', 'guild one'])(
      'rejects the slug %p',
      async (slug) => {
        const error = await db.dataSource
          .getRepository(DaoEntity)
          .insert(aDao(slug))
          .catch((caught: unknown) => caught);
        expect(pgCode(error)).toBe('23514'); // check_violation
      },
    );

    it.each(['abc', 'x'.repeat(40), 'a-1', '0xdao'])('accepts the slug %p', async (slug) => {
      await expect(db.dataSource.getRepository(DaoEntity).insert(aDao(slug))).resolves.toBeDefined();
    });

    it('keeps slugs unique', async () => {
      const error = await db.dataSource
        .getRepository(DaoEntity)
        .insert(aDao('guild-one'))
        .catch((caught: unknown) => caught);
      expect(pgCode(error)).toBe('23505');
    });
  });

  describe('signed_message', () => {
    let messageId: string;
    beforeAll(async () => {
      ({ id: messageId } = await db.dataSource.getRepository(SignedMessageEntity).save(aMessage('1', daoId)));
    });

    it('stores the envelope and numbers it', async () => {
      const stored = await db.dataSource
        .getRepository(SignedMessageEntity)
        .findOneByOrFail({ id: messageId });
      expect(stored).toMatchObject(aMessage('1', daoId));
      expect(stored.id).toMatch(/^[1-9][0-9]*$/);
      expect(stored.receivedAt).toBeInstanceOf(Date);
    });

    it('stores an envelope once: the typed-data hash is unique', async () => {
      const error = await db.dataSource
        .getRepository(SignedMessageEntity)
        .insert(aMessage('1', null))
        .catch((caught: unknown) => caught);
      expect(pgCode(error)).toBe('23505');
    });

    it('is append-only: UPDATE, DELETE and TRUNCATE are rejected by the database', async () => {
      const attempts = [
        `UPDATE signed_message SET signature = '0x00' WHERE id = ${messageId}`,
        `DELETE FROM signed_message WHERE id = ${messageId}`,
        'TRUNCATE signed_message',
      ];
      for (const sql of attempts) {
        const error: unknown = await db.dataSource.query(sql).catch((caught: unknown) => caught);
        expect(pgCode(error)).toBe('23001'); // restrict_violation
        expect((error as Error).message).toMatch(
          /^signed_message is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed$/,
        );
      }
      expect(await db.dataSource.getRepository(SignedMessageEntity).countBy({ id: messageId })).toBe(1);
    });

    it('keeps the DAO a message names: dao_id references dao, which cannot be deleted under it', async () => {
      const unknownDao = await db.dataSource
        .getRepository(SignedMessageEntity)
        .insert(aMessage('2', '00000000-0000-4000-8000-000000000000'))
        .catch((caught: unknown) => caught);
      expect(pgCode(unknownDao)).toBe('23503');

      const deleteDao = await db.dataSource
        .getRepository(DaoEntity)
        .delete({ id: daoId })
        .catch((caught: unknown) => caught);
      expect(pgCode(deleteDao)).toBe('23503');
    });

    it.each([
      ['an upper-case hash', { typedDataHash: `0x${'A'.repeat(64)}` }],
      ['a short hash', { typedDataHash: `0x${'3'.repeat(62)}` }],
      ['a signer that is not an address', { signer: `0x${'g'.repeat(40)}` }],
      ['an odd-length signature', { signature: '0xabc' }],
    ])('rejects %s', async (_case, change) => {
      const error = await db.dataSource
        .getRepository(SignedMessageEntity)
        .insert({ ...aMessage('4', null), ...change })
        .catch((caught: unknown) => caught);
      expect(pgCode(error)).toBe('23514');
    });

    it('indexes every foreign key and the signer', async () => {
      const indexes: Array<{ indexname: string }> = await db.dataSource.query(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'signed_message' ORDER BY indexname`,
      );
      expect(indexes.map((index) => index.indexname)).toEqual([
        'signed_message_dao_id_idx',
        'signed_message_pkey',
        'signed_message_signer_idx',
        'signed_message_typed_data_hash_key',
      ]);
    });
  });
});
