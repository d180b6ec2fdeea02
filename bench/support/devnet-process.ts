/**
 * A devnet in a process of its own, as a chain node runs apart from the API and its clients: the
 * parent (`forkBenchDevnet`) gets its URL and chain id, and stops it with SIGTERM.
 */
import { Devnet } from '@guildhall/chain';

const devnet = await Devnet.start();
process.send!({ url: devnet.url, chainId: devnet.chainId });
process.once('SIGTERM', () => {
  void devnet.close().then(() => process.exit(0));
});
