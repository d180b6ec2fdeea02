import type { ApolloServerPlugin } from '@apollo/server';
import { CommonErrorCode, textFault } from '@guildhall/core';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';

interface Fault {
  readonly field: string;
  readonly fault: string;
}

/** The first text in a variable value that cannot be stored or signed (`textFault`), with its path. */
function faultInValue(value: unknown, path: string): Fault | undefined {
  if (typeof value === 'string') {
    const fault = textFault(value);
    return fault === undefined ? undefined : { field: path, fault };
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = faultInValue(item, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = faultInValue(item, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The first string literal of the document that cannot be stored or signed. */
function faultInDocument(document: DocumentNode): Fault | undefined {
  let found: Fault | undefined;
  visit(document, {
    StringValue(node) {
      const fault = textFault(node.value);
      if (fault === undefined) return undefined;
      found = { field: `a string literal at offset ${node.loc?.start ?? 0}`, fault };
      return BREAK;
    },
  });
  return found;
}

/**
 * Every text a request carries — each string of its variables and each string literal, whatever
 * argument or input field it is for — is checked before anything runs: a text with NUL or a lone
 * UTF-16 surrogate can be neither stored (PostgreSQL refuses NUL) nor signed as sent, so the request
 * is answered with a BAD_INPUT `INVALID_TEXT` error (HTTP 400) naming where it is. One place, so a
 * new argument cannot forget it.
 */
export function inputTextPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          // A query text without a quote has no string literal: its AST is not walked (a vote's is not).
          const literals = request.query === undefined || request.query.includes('"');
          const found =
            faultInValue(request.variables ?? {}, '$') ?? (literals ? faultInDocument(document) : undefined);
          if (found === undefined) return Promise.resolve();
          const field = found.field.replace(/^\$\./, '$');
          return Promise.reject(
            new GraphQLError(`${field}: ${found.fault}`, {
              extensions: {
                code: CommonErrorCode.INVALID_TEXT,
                category: 'BAD_INPUT',
                status: 400,
                retryable: false,
                details: { field },
                http: { status: 400 },
              },
            }),
          );
        },
      });
    },
  };
}
