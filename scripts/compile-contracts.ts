/**
 * Writes every contract artifact Guildhall uses into `contracts-abi/` (committed, so a normal run
 * never needs solc):
 *
 * - compiles `contracts-abi/solidity/*.sol` (the dev governance and payout tokens, built on
 *   @openzeppelin/contracts 5) with solc-js, standard JSON, optimizer on, a pinned EVM version;
 * - extracts the Safe 1.4.1 set from @safe-global/safe-contracts (ABI + creation bytecode) with the
 *   canonical address and code hash from @safe-global/safe-deployments (installed with
 *   protocol-kit), so the devnet can deploy and check them at their canonical addresses;
 * - extracts the ERC20 / ERC20Votes ABIs from @openzeppelin/contracts and Multicall3 from viem.
 *
 * Usage: `npm run contracts:compile`, then `npm run abi:generate`.
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import deployments from '@safe-global/safe-deployments';
import { getAddress, multicall3Abi, type Abi } from 'viem';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const outDir = join(root, 'contracts-abi');
const solidityDir = join(outDir, 'solidity');

/** Highest EVM version solc 0.8.28 targets; Hardhat 3's default hardfork (Osaka) runs it. */
const EVM_VERSION = 'cancun';
const SAFE_VERSION = '1.4.1';
const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11';

interface Artifact {
  contractName: string;
  source: string;
  abi: Abi;
  bytecode?: `0x${string}`;
  deployment?: { address: string; codeHash?: string };
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>;
}

// solc-js ships no type declarations: this is the one function used.
const solc = require('solc') as {
  version(): string;
  compile(
    input: string,
    callbacks: { import(path: string): { contents: string } | { error: string } },
  ): string;
};

const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

async function compileSolidity(): Promise<Artifact[]> {
  const files = (await readdir(solidityDir)).filter((file) => file.endsWith('.sol')).sort();
  const sources = Object.fromEntries(
    await Promise.all(
      files.map(
        async (file) => [file, { content: await readFile(join(solidityDir, file), 'utf8') }] as const,
      ),
    ),
  );
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: EVM_VERSION,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const ozDir = packageDir('@openzeppelin/contracts');
  const findImports = (path: string): { contents: string } | { error: string } => {
    const prefix = '@openzeppelin/contracts/';
    if (!path.startsWith(prefix)) return { error: `unresolvable import ${path}` };
    return { contents: readFileSync(join(ozDir, path.slice(prefix.length)), 'utf8') };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput;
  const errors = (output.errors ?? []).filter((error) => error.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join('\n'));

  const ozVersion = (JSON.parse(await readFile(join(ozDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  return files.map((file) => {
    const contractName = file.replace(/\.sol$/, '');
    const compiled = output.contracts[file]?.[contractName];
    if (!compiled) throw new Error(`${file} does not define contract ${contractName}`);
    return {
      contractName,
      source: `contracts-abi/solidity/${file} (solc ${solc.version()}, optimizer 200 runs, evm ${EVM_VERSION}, @openzeppelin/contracts ${ozVersion})`,
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
    };
  });
}

async function readHardhatArtifact(path: string): Promise<{ abi: Abi; bytecode: `0x${string}` }> {
  return JSON.parse(await readFile(path, 'utf8')) as { abi: Abi; bytecode: `0x${string}` };
}

async function extractSafeContracts(): Promise<Artifact[]> {
  const filter = { version: SAFE_VERSION };
  const set = [
    ['Safe', 'Safe.sol', deployments.getSafeSingletonDeployment(filter)],
    ['SafeL2', 'SafeL2.sol', deployments.getSafeL2SingletonDeployment(filter)],
    ['SafeProxyFactory', 'proxies/SafeProxyFactory.sol', deployments.getProxyFactoryDeployment(filter)],
    ['MultiSend', 'libraries/MultiSend.sol', deployments.getMultiSendDeployment(filter)],
    [
      'MultiSendCallOnly',
      'libraries/MultiSendCallOnly.sol',
      deployments.getMultiSendCallOnlyDeployment(filter),
    ],
    [
      'CompatibilityFallbackHandler',
      'handler/CompatibilityFallbackHandler.sol',
      deployments.getCompatibilityFallbackHandlerDeployment(filter),
    ],
    ['SignMessageLib', 'libraries/SignMessageLib.sol', deployments.getSignMessageLibDeployment(filter)],
    ['CreateCall', 'libraries/CreateCall.sol', deployments.getCreateCallDeployment(filter)],
    [
      'SimulateTxAccessor',
      'accessors/SimulateTxAccessor.sol',
      deployments.getSimulateTxAccessorDeployment(filter),
    ],
    // Not a singleton: its creation code is what SafeProxyFactory deploys, needed to predict Safe addresses.
    ['SafeProxy', 'proxies/SafeProxy.sol', undefined],
  ] as const;

  const safeDir = packageDir('@safe-global/safe-contracts');
  const { version } = JSON.parse(await readFile(join(safeDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  if (version !== SAFE_VERSION)
    throw new Error(`@safe-global/safe-contracts is ${version}, expected ${SAFE_VERSION}`);

  return Promise.all(
    set.map(async ([contractName, file, deployment]): Promise<Artifact> => {
      const relative = `build/artifacts/contracts/${file}/${contractName}.json`;
      const { abi, bytecode } = await readHardhatArtifact(join(safeDir, relative));
      const canonical = deployment?.deployments.canonical;
      if (deployment && !canonical) throw new Error(`safe-deployments has no canonical ${contractName}`);
      return {
        contractName,
        source: `@safe-global/safe-contracts@${version} ${relative}`,
        abi,
        bytecode,
        ...(canonical && {
          deployment: { address: getAddress(canonical.address), codeHash: canonical.codeHash },
        }),
      };
    }),
  );
}

async function extractOpenZeppelinAbis(): Promise<Artifact[]> {
  const ozDir = packageDir('@openzeppelin/contracts');
  const { version } = JSON.parse(await readFile(join(ozDir, 'package.json'), 'utf8')) as { version: string };
  return Promise.all(
    ['ERC20', 'ERC20Votes'].map(async (contractName): Promise<Artifact> => {
      const relative = `build/contracts/${contractName}.json`;
      const { abi } = await readHardhatArtifact(join(ozDir, relative));
      return { contractName, source: `@openzeppelin/contracts@${version} ${relative}`, abi };
    }),
  );
}

/**
 * viem ships Multicall3's ABI (exported) and creation code (used for its deployless calls, not
 * exported). The canonical deployment's presigned transaction is in no installed package, so the
 * devnet puts this build's runtime code at the canonical address with `hardhat_setCode`.
 */
async function extractMulticall3(): Promise<Artifact> {
  const viemDir = packageDir('viem');
  const relative = '_esm/constants/contracts.js';
  const text = await readFile(join(viemDir, relative), 'utf8');
  const bytecode = /export const multicall3Bytecode = '(0x[0-9a-f]+)'/.exec(text)?.[1];
  if (!bytecode) throw new Error(`multicall3Bytecode not found in viem ${relative}`);
  const { version } = JSON.parse(await readFile(join(viemDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    contractName: 'Multicall3',
    source: `viem@${version} multicall3Abi and ${relative} multicall3Bytecode`,
    abi: multicall3Abi,
    bytecode: bytecode as `0x${string}`,
    deployment: { address: MULTICALL3_ADDRESS },
  };
}

const artifacts = [
  ...(await compileSolidity()),
  ...(await extractSafeContracts()),
  ...(await extractOpenZeppelinAbis()),
  await extractMulticall3(),
];
for (const artifact of artifacts) {
  await writeFile(join(outDir, `${artifact.contractName}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
}
console.log(
  `wrote ${artifacts.length} artifacts to contracts-abi/: ${artifacts.map((a) => a.contractName).join(', ')}`,
);
