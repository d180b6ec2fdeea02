import { SetMetadata } from '@nestjs/common';

export const ACCESS_METADATA = 'guildhall:access';

/** How a resolver may be called. Every query, mutation and subscription states one. */
export type Access = 'public' | 'signed' | 'spending-key';

/** Anyone may call this: every read is public. */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, 'public' satisfies Access);

/**
 * The caller proves who they are with an EIP-712 signature over the input; the service verifies
 * it and checks the signer's role.
 */
export const SignedWrite = (): MethodDecorator => SetMetadata(ACCESS_METADATA, 'signed' satisfies Access);

/**
 * A service calls this with a credits spending key (`Authorization: Bearer gh_sk_…`), scoped to
 * one DAO and one spend account; the service checks the key before anything else.
 */
export const SpendingKeyAccess = (): MethodDecorator =>
  SetMetadata(ACCESS_METADATA, 'spending-key' satisfies Access);
