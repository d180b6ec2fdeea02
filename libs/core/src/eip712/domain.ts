/** The EIP-712 domain every Guildhall write is signed under. chainId stops cross-chain replay. */
export const GUILDHALL_DOMAIN_NAME = 'Guildhall';
export const GUILDHALL_DOMAIN_VERSION = '1';

export interface GuildhallDomain {
  readonly name: typeof GUILDHALL_DOMAIN_NAME;
  readonly version: typeof GUILDHALL_DOMAIN_VERSION;
  readonly chainId: number;
}

export const guildhallDomain = (chainId: number): GuildhallDomain => ({
  name: GUILDHALL_DOMAIN_NAME,
  version: GUILDHALL_DOMAIN_VERSION,
  chainId,
});
