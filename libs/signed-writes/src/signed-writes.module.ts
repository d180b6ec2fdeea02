import { Global, Module } from '@nestjs/common';
import { SignedWrites } from './domain/signed-writes.service.js';

@Global()
@Module({ providers: [SignedWrites], exports: [SignedWrites] })
export class SignedWritesModule {}
