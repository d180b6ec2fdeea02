import {
  AbiDecodingDataSizeTooSmallError,
  AbiDecodingZeroDataError,
  CallExecutionError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  HttpRequestError,
  TimeoutError,
  parseAbi,
  type BaseError,
} from 'viem';
import { isContractAnswer } from './chain.error.js';

const abi = parseAbi(['function isValidSignature(bytes data, bytes signature) view returns (bytes4)']);
const url = 'http://127.0.0.1:8545';
/** A failed readContract, as viem wraps its cause. */
const readFailure = (cause: BaseError) =>
  new ContractFunctionExecutionError(cause, { abi, functionName: 'isValidSignature', args: ['0x', '0x'] });

describe('isContractAnswer', () => {
  it.each<[string, BaseError]>([
    ['a revert', readFailure(new ContractFunctionRevertedError({ abi, functionName: 'isValidSignature' }))],
    [
      'no code, or a fallback that returns nothing',
      readFailure(
        new ContractFunctionZeroDataError({
          functionName: 'isValidSignature',
          cause: new AbiDecodingZeroDataError(),
        }),
      ),
    ],
    [
      'bytes too short for the output',
      readFailure(
        new AbiDecodingDataSizeTooSmallError({ data: '0x01', params: [{ type: 'bytes4' }], size: 1 }),
      ),
    ],
  ])('is true for %s', (_name, error) => {
    expect(isContractAnswer(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an HTTP error', readFailure(new CallExecutionError(new HttpRequestError({ url, status: 502 }), {}))],
    ['a timeout', readFailure(new CallExecutionError(new TimeoutError({ url, body: {} }), {}))],
    ['a plain Error', new Error('ECONNREFUSED')],
  ])('is false for %s: the answer is unknown', (_name, error) => {
    expect(isContractAnswer(error)).toBe(false);
  });
});
