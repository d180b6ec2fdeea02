import {
  Body,
  Catch,
  Controller,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  UseFilters,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { Address, httpStatusOf, isGuildhallError, Uint256 } from '@guildhall/core';
import type { FastifyReply } from 'fastify';
import { z, ZodError } from 'zod';
import type { CreditHold, CreditTransfer } from '../domain/credits.js';
import { KeySpending } from '../domain/key-spending.service.js';
import { bearerKey } from '../domain/spending-keys.service.js';

/**
 * Errors as a metering sidecar reads them: the HTTP status of the error's category and
 * `{ error: { code, message, details } }`, the same codes GraphQL answers with.
 */
@Catch()
export class MeteringErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('CreditsMetering');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (isGuildhallError(exception)) {
      void reply.status(httpStatusOf(exception.category)).send({
        error: { code: exception.code, message: exception.message, details: exception.details },
      });
      return;
    }
    if (exception instanceof ZodError) {
      const message = exception.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      void reply.status(400).send({ error: { code: 'BAD_INPUT', message: message.join('; '), details: {} } });
      return;
    }
    this.logger.error({ err: exception }, 'unexpected error in the metering endpoint');
    void reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error', details: {} } });
  }
}

const Dao = z.string().min(1).max(100);
const Reference = z.string().nullish();
const SpendBody = z.object({
  dao: Dao,
  contributor: Address,
  creditType: z.string().min(1).max(32),
  amount: Uint256,
  reference: Reference,
});
const HoldBody = SpendBody.extend({ timeoutSeconds: z.number().int() });
const CaptureBody = z.object({ dao: Dao, amount: Uint256 });
const VoidBody = z.object({ dao: Dao });
/** The Idempotency-Key header; the ledger checks its form (INVALID_CLIENT_KEY). */
const IdempotencyKey = z.string({ error: 'the Idempotency-Key header is required' });

const holdJson = (hold: CreditHold) => ({
  id: hold.id,
  service: hold.service,
  amount: hold.amount.toString(),
  status: hold.status,
  captured: hold.captured?.toString() ?? null,
  captureTransferId: hold.captureTransferId,
  reference: hold.reference,
  expiresAt: hold.expiresAt.toISOString(),
  createdAt: hold.createdAt.toISOString(),
  closedAt: hold.closedAt?.toISOString() ?? null,
});

const transferJson = (transfer: CreditTransfer) => ({
  id: transfer.id,
  kind: transfer.kind,
  clientKey: transfer.clientKey,
  reference: transfer.reference,
  createdAt: transfer.createdAt.toISOString(),
  postings: transfer.postings.map((posting) => ({
    accountKind: posting.accountKind,
    owner: posting.owner,
    creditType: posting.creditType,
    amount: posting.amount.toString(),
  })),
});

/**
 * The credits endpoint for a metering sidecar (docs/credits.md): JSON bodies, amounts as decimal
 * strings of base units, the spending key as `Authorization: Bearer gh_sk_…`, the client key as
 * `Idempotency-Key`. It calls the same service as the GraphQL mutations.
 */
@Controller('credits/v1')
@UseFilters(MeteringErrorFilter)
export class MeteringController {
  constructor(private readonly spending: KeySpending) {}

  @Post('holds')
  @HttpCode(200)
  async hold(
    @Headers('authorization') authorization: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<ReturnType<typeof holdJson>> {
    const key = bearerKey(authorization);
    const { dao, ...request } = HoldBody.parse(body);
    const clientKey = IdempotencyKey.parse(idempotencyKey);
    return holdJson(await this.spending.holdCredits(key, dao, { ...request, clientKey }));
  }

  @Post('holds/:id/capture')
  @HttpCode(200)
  async capture(
    @Headers('authorization') authorization: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Param('id') holdId: string,
    @Body() body: unknown,
  ): Promise<ReturnType<typeof holdJson>> {
    const key = bearerKey(authorization);
    const { dao, amount } = CaptureBody.parse(body);
    const clientKey = IdempotencyKey.parse(idempotencyKey);
    return holdJson(await this.spending.capture(key, dao, { clientKey, holdId, amount }));
  }

  /** Voiding is idempotent by itself: no Idempotency-Key. */
  @Post('holds/:id/void')
  @HttpCode(200)
  async void(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') holdId: string,
    @Body() body: unknown,
  ): Promise<ReturnType<typeof holdJson>> {
    const { dao } = VoidBody.parse(body);
    return holdJson(await this.spending.voidHold(bearerKey(authorization), dao, holdId));
  }

  @Post('spends')
  @HttpCode(200)
  async spend(
    @Headers('authorization') authorization: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<ReturnType<typeof transferJson>> {
    const key = bearerKey(authorization);
    const { dao, ...request } = SpendBody.parse(body);
    const clientKey = IdempotencyKey.parse(idempotencyKey);
    return transferJson(await this.spending.spend(key, dao, { ...request, clientKey }));
  }
}
