import { guildhallTypedData, type GuildhallPrimaryType, type GuildhallTypedData } from '@guildhall/core';
import { votingConfigMessage, type VotingConfig } from '@guildhall/dao';
import type { Hex, LocalAccount } from 'viem';

type Message<P extends GuildhallPrimaryType> = GuildhallTypedData<P>['message'];
type Signed<M> = M & { from: LocalAccount['address']; timestamp: bigint; signature: Hex };

interface SigningOptions {
  readonly chainId?: number;
  /** Unix seconds; now unless told. */
  readonly timestamp?: bigint;
}

const nowSeconds = () => BigInt(Math.floor(Date.now() / 1000));

/**
 * A write as a service takes it: the message's fields, signed by `account` as a client signs them
 * (EIP-712, Guildhall's domain on `chainId`), with `from`, `timestamp` and the `signature`. The
 * same fields signed at another `timestamp` are another message, not a replay.
 */
export async function signedInput<
  P extends GuildhallPrimaryType,
  F extends Omit<Message<P>, 'from' | 'timestamp'>,
>(
  account: LocalAccount,
  primaryType: P,
  fields: F,
  { chainId = 31337, timestamp = nowSeconds() }: SigningOptions = {},
): Promise<Signed<F>> {
  const message = { ...fields, from: account.address, timestamp };
  const signature = await account.signTypedData(
    guildhallTypedData(chainId, primaryType, message as unknown as Message<P>),
  );
  return { ...message, signature };
}

/**
 * A CreateDao or UpdateDaoSettings message as `DaoService` takes it: signed with the VotingConfig
 * struct of the typed data, handed over with the rules in plain numbers.
 */
export async function signedDaoInput<
  P extends 'CreateDao' | 'UpdateDaoSettings',
  F extends Omit<Message<P>, 'from' | 'timestamp' | 'config'>,
>(
  account: LocalAccount,
  primaryType: P,
  fields: F & { config: VotingConfig },
  options: SigningOptions = {},
): Promise<Signed<F> & { config: VotingConfig }> {
  const message = { ...fields, config: votingConfigMessage(fields.config) } as unknown as Omit<
    Message<P>,
    'from' | 'timestamp'
  >;
  const signed = await signedInput(account, primaryType, message, options);
  return { ...(signed as unknown as Signed<F>), config: fields.config };
}
