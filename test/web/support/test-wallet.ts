import type { Page } from '@playwright/test';
import { createWalletClient, http, type Address, type Hex, type TypedDataDefinition } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

/** What the page's provider asked, in order (for assertions such as "no signature before the switch"). */
export interface WalletRequest {
  readonly method: string;
  readonly params: unknown;
}

export interface TestWalletOptions {
  /** The dev account's key the wallet signs with. */
  readonly privateKey: Hex;
  /** The devnet: eth_sendTransaction and any read the wallet does not answer itself go there. */
  readonly rpcUrl: string;
  /** The chain the wallet is on at first (another than the DAO's tests the switch). */
  readonly chainId: number;
  /** Chains wallet_switchEthereumChain accepts; any other answers 4902 (unknown chain). */
  readonly knownChains?: readonly number[];
  /** A hardware wallet behind a browser wallet: eth_signTypedData_v4 is refused, personal_sign works. */
  readonly personalSignOnly?: boolean;
  readonly name?: string;
  readonly rdns?: string;
}

type Answer = { result: unknown } | { error: { code: number; message: string } };

const USER_REJECTED = { code: 4001, message: 'User rejected the request.' };

/**
 * An EIP-1193 wallet for browser tests: injected into the page before its scripts run (announced
 * through EIP-6963, as real wallets are), answering from Node with a dev account's key through
 * viem. It can be told to reject the next request of a method (4001), and logs every request.
 */
export class TestWallet {
  readonly account: PrivateKeyAccount;
  readonly requests: WalletRequest[] = [];
  private chainId: number;
  private authorized = false;
  private readonly rejections = new Set<string>();

  private constructor(private readonly options: TestWalletOptions) {
    this.account = privateKeyToAccount(options.privateKey);
    this.chainId = options.chainId;
  }

  get address(): Address {
    return this.account.address;
  }

  /** Injects the wallet into `page` (and every page it navigates to, reloads included). */
  static async inject(page: Page, options: TestWalletOptions): Promise<TestWallet> {
    const wallet = new TestWallet(options);
    await page.exposeFunction('__guildhallTestWallet', (method: string, params: unknown) =>
      wallet.answer(method, params),
    );
    await page.addInitScript(installProvider, {
      uuid: crypto.randomUUID(),
      name: options.name ?? 'Guildhall Test Wallet',
      rdns: options.rdns ?? 'dev.guildhall.test-wallet',
      icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"%3E%3Crect width="8" height="8" fill="%232f4fd8"/%3E%3C/svg%3E',
    });
    return wallet;
  }

  /** The next request of `method` is declined as a user would (EIP-1193 code 4001). */
  rejectNext(method: string): void {
    this.rejections.add(method);
  }

  /** The requests of `method` so far. */
  requested(method: string): WalletRequest[] {
    return this.requests.filter((request) => request.method === method);
  }

  private async answer(method: string, params: unknown): Promise<Answer> {
    this.requests.push({ method, params });
    if (this.rejections.delete(method)) return { error: USER_REJECTED };
    try {
      return { result: await this.handle(method, (params ?? []) as unknown[]) };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return {
        error: { code: typeof code === 'number' ? code : -32603, message: (error as Error).message },
      };
    }
  }

  private async handle(method: string, params: unknown[]): Promise<unknown> {
    const fail = (code: number, message: string) => Object.assign(new Error(message), { code });
    switch (method) {
      case 'eth_requestAccounts':
        this.authorized = true;
        return [this.address];
      case 'eth_accounts':
        return this.authorized ? [this.address] : [];
      case 'eth_chainId':
        return `0x${this.chainId.toString(16)}`;
      case 'wallet_switchEthereumChain': {
        const wanted = Number(BigInt((params[0] as { chainId: string }).chainId));
        const known = this.options.knownChains ?? [this.options.chainId, 31337];
        if (!known.includes(wanted)) throw fail(4902, `Unrecognized chain ID ${wanted}`);
        this.chainId = wanted;
        return null;
      }
      case 'eth_signTypedData_v4': {
        if (this.options.personalSignOnly) throw fail(4200, 'This wallet cannot sign typed data');
        const [from, json] = params as [Address, string];
        this.assertOwn(from);
        return this.account.signTypedData(typedDataFromJson(json));
      }
      case 'personal_sign': {
        const [data, from] = params as [Hex, Address];
        this.assertOwn(from);
        return this.account.signMessage({ message: { raw: data } });
      }
      case 'eth_sendTransaction': {
        const [tx] = params as [{ from: Address; to?: Address; data?: Hex; value?: Hex; gas?: Hex }];
        this.assertOwn(tx.from);
        return createWalletClient({
          account: this.account,
          transport: http(this.options.rpcUrl),
        }).sendTransaction({
          chain: null,
          to: tx.to,
          data: tx.data,
          value: tx.value === undefined ? undefined : BigInt(tx.value),
          gas: tx.gas === undefined ? undefined : BigInt(tx.gas),
        });
      }
      default: {
        const response = await fetch(this.options.rpcUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        });
        const body = (await response.json()) as {
          result?: unknown;
          error?: { code: number; message: string };
        };
        if (body.error !== undefined) throw fail(body.error.code, body.error.message);
        return body.result;
      }
    }
  }

  private assertOwn(from: Address): void {
    if (from.toLowerCase() !== this.address.toLowerCase())
      throw Object.assign(new Error(`Unknown account ${from}`), { code: 4100 });
  }
}

/**
 * eth_signTypedData_v4's JSON back into viem's typed data: the integers (sent as decimal text or
 * numbers) as bigints, field by field from the types.
 */
function typedDataFromJson(json: string): TypedDataDefinition {
  const { domain, types, primaryType, message } = JSON.parse(json) as {
    domain: Record<string, unknown>;
    types: Record<string, Array<{ name: string; type: string }>>;
    primaryType: string;
    message: Record<string, unknown>;
  };
  const { EIP712Domain: _domain, ...structs } = types;
  const value = (type: string, raw: unknown): unknown => {
    if (type.endsWith('[]')) return (raw as unknown[]).map((item) => value(type.slice(0, -2), item));
    if (/^u?int\d*$/.test(type)) return BigInt(raw as string | number);
    const fields = structs[type];
    if (fields === undefined) return raw;
    const struct = raw as Record<string, unknown>;
    return Object.fromEntries(fields.map((field) => [field.name, value(field.type, struct[field.name])]));
  };
  return {
    domain: domain.chainId === undefined ? domain : { ...domain, chainId: Number(domain.chainId) },
    types: structs,
    primaryType,
    message: value(primaryType, message) as Record<string, unknown>,
  } as unknown as TypedDataDefinition;
}

/** Runs in the page, before its scripts: the EIP-1193 provider over the exposed function, announced per EIP-6963. */
function installProvider(info: { uuid: string; name: string; rdns: string; icon: string }): void {
  type Listener = (...args: unknown[]) => void;
  interface PageGlobals {
    __guildhallTestWallet(method: string, params: unknown): Promise<Answer>;
    addEventListener(type: string, listener: () => void): void;
    dispatchEvent(event: Event): boolean;
  }
  const page = globalThis as unknown as PageGlobals;
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, value: unknown) =>
    listeners.get(event)?.forEach((listener) => listener(value));
  const provider = {
    async request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
      const answer = await page.__guildhallTestWallet(method, params ?? []);
      if ('error' in answer)
        throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
      if (method === 'wallet_switchEthereumChain')
        emit('chainChanged', (params as Array<{ chainId: string }>)[0].chainId);
      if (method === 'eth_requestAccounts') emit('accountsChanged', answer.result);
      return answer.result;
    },
    on(event: string, listener: Listener) {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener));
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
  };
  const announce = () =>
    page.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', {
        detail: Object.freeze({ info: Object.freeze(info), provider }),
      }),
    );
  page.addEventListener('eip6963:requestProvider', announce);
  announce();
}
