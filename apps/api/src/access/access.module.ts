import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { ApiTokensResolver } from './api-tokens.resolver';
import { AuditInterceptor } from './audit.interceptor';
import { ViewerResolver } from './viewer.resolver';

/** Who may see what: the guard on every resolver, the audit interceptor, the viewer and token administration. */
@Module({
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, AuditInterceptor, ViewerResolver, ApiTokensResolver],
})
export class AccessModule {}
