import { jest } from '@jest/globals';

// Integration and e2e suites start real PostgreSQL databases and servers, and devnets.
jest.setTimeout(60_000);
