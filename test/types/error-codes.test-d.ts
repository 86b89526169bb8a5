import { describe, expectTypeOf, it } from 'vitest';
import {
  CommitRejectedError,
  FtrackError,
  isFtrackError,
  NetworkError,
  ServerError,
  ServerValidationError,
  TransportError,
  type AnyFtrackError,
  type FtrackErrorCode,
  type FtrackErrorOf,
} from 'ftrack-codegen';

/** One line per code: the switch has no default branch that could hide a missing case. */
function describeCode(code: FtrackErrorCode): string {
  switch (code) {
    case 'FTRACK_ERROR': return 'any';
    case 'SERVER_ERROR': return 'server';
    case 'SERVER_VALIDATION': return 'validation';
    case 'SERVER_PERMISSION_DENIED': return 'permission';
    case 'INVALID_CREDENTIALS': return 'credentials';
    case 'DUPLICATE_ENTRY': return 'duplicate';
    case 'SERVER_PARSE': return 'parse';
    case 'SERVER_ABORT': return 'server abort';
    case 'COMMIT_REJECTED': return 'rejected';
    case 'TRANSPORT': return 'transport';
    case 'NETWORK': return 'network';
    case 'TIMEOUT': return 'timeout';
    case 'ABORTED': return 'aborted';
    case 'HTTP_STATUS': return 'http';
    case 'MALFORMED_RESPONSE': return 'malformed';
    case 'RESPONSE_TOO_LARGE': return 'too large';
    case 'CONFIGURATION': return 'configuration';
    case 'CONNECTION_CLOSED': return 'closed';
    case 'SCHEMA': return 'schema';
    case 'UNRECOGNISED_ENTITY_TYPE': return 'type';
    case 'UNKNOWN_ATTRIBUTE': return 'attribute';
    case 'NOT_LOADED': return 'not loaded';
    case 'INCORRECT_RESULT': return 'incorrect';
    case 'NO_RESULT_FOUND': return 'none';
    case 'MULTIPLE_RESULTS_FOUND': return 'many';
    case 'IMMUTABLE_ATTRIBUTE': return 'immutable';
    case 'COLLECTION': return 'collection';
    case 'DUPLICATE_ITEM_IN_COLLECTION': return 'duplicate item';
    case 'INVALID_STATE': return 'state';
    case 'COMMIT_VALIDATION': return 'validation';
    case 'COMMIT_OUTCOME_UNKNOWN': return 'unknown';
    case 'QUERY': return 'query';
    case 'ARGUMENT': return 'argument';
    case 'FILE_ACCESS': return 'file';
    case 'EVENT_HUB_CONNECTION': return 'event hub';
    case 'EVENT_HUB_TIMEOUT': return 'event hub timeout';
    case 'FILE_TRANSFER': return 'file transfer';
    case 'JOB_FAILED': return 'job failed';
    case 'LOCATION': return 'location';
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

describe('error codes are literal types', () => {
  it('a switch over FtrackErrorCode is exhaustive, also through an error’s code', () => {
    expectTypeOf(describeCode).returns.toEqualTypeOf<string>();
    const fromError = (error: FtrackError) => describeCode(error.code);
    expectTypeOf(fromError).returns.toEqualTypeOf<string>();
  });

  it('a switch that misses a code does not compile, nor a case that is no code', () => {
    const partial = (code: FtrackErrorCode): string => {
      switch (code) {
        case 'COMMIT_REJECTED':
          return 'rejected';
        // @ts-expect-error - not an ftrack-codegen error code
        case 'COMMIT_REFUSED':
          return 'typo';
        default: {
          // @ts-expect-error - every other code is left over: not never
          const unreachable: never = code;
          return unreachable;
        }
      }
    };
    expectTypeOf(partial).returns.toEqualTypeOf<string>();
  });

  it('each class declares its own literal code; a base class’s code is its own or a subclass’s', () => {
    expectTypeOf<CommitRejectedError['code']>().toEqualTypeOf<'COMMIT_REJECTED'>();
    expectTypeOf<ServerValidationError['code']>().toEqualTypeOf<'SERVER_VALIDATION'>();
    expectTypeOf<NetworkError['code']>().toEqualTypeOf<'NETWORK'>();
    expectTypeOf<TransportError['code']>().toEqualTypeOf<'TRANSPORT' | 'NETWORK' | 'TIMEOUT' | 'ABORTED' | 'HTTP_STATUS' | 'MALFORMED_RESPONSE' | 'RESPONSE_TOO_LARGE'>();
    expectTypeOf<FtrackError['code']>().toEqualTypeOf<FtrackErrorCode>();
    expectTypeOf<AnyFtrackError['code']>().toEqualTypeOf<FtrackErrorCode>();
    // Every code is carried by the class it names (a typo in the code table would show here).
    type Mismatched = { [C in FtrackErrorCode]: C extends FtrackErrorOf<C>['code'] ? never : C }[FtrackErrorCode];
    expectTypeOf<Mismatched>().toEqualTypeOf<never>();
    expectTypeOf<FtrackErrorOf<'SERVER_ERROR'>>().toEqualTypeOf<ServerError>();
  });

  it('a switch over AnyFtrackError narrows the error in each case', () => {
    const handle = (error: AnyFtrackError): string => {
      switch (error.code) {
        case 'COMMIT_REJECTED':
          expectTypeOf(error).toMatchTypeOf<CommitRejectedError>();
          return String(error.failure.operationIndex);
        case 'NETWORK':
          expectTypeOf(error).toMatchTypeOf<TransportError>();
          // @ts-expect-error - transport errors carry no server exception name
          return error.exception;
        case 'SERVER_VALIDATION':
          return error.exception;
        default:
          return error.code;
      }
    };
    expectTypeOf(handle).returns.toEqualTypeOf<string>();
  });

  it('isFtrackError narrows by code; instanceof still narrows', () => {
    const value: unknown = undefined;
    if (isFtrackError(value)) expectTypeOf(value).toEqualTypeOf<AnyFtrackError>();
    if (isFtrackError(value, 'SERVER_ERROR')) expectTypeOf(value).toEqualTypeOf<ServerError>();
    if (isFtrackError(value, 'COMMIT_REJECTED')) expectTypeOf(value.failure.primaryKey).toEqualTypeOf<readonly string[] | undefined>();
    // @ts-expect-error - not an error code
    isFtrackError(value, 'NOT_A_CODE');
    if (value instanceof TransportError) expectTypeOf(value.status).toEqualTypeOf<number | undefined>();
    // TransportError is no ServerError: it has no `exception`.
    expectTypeOf<TransportError>().not.toMatchTypeOf<ServerError>();
  });
});
