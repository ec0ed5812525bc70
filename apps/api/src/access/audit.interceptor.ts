import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { AUDIT_KEY, type SubjectOf } from './access.decorators';
import { resolverCall } from './field-input';

/** Writes the audit entry of an `@AuditPersonRead` field, then lets the field resolve. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  async intercept(execution: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const subjectOf = this.reflector.get<SubjectOf>(AUDIT_KEY, execution.getHandler());
    const call = resolverCall(execution);
    await call.context.audit.record({ field: `${call.info.parentType.name}.${call.info.fieldName}`, subject: subjectOf(call) });
    // Every such read is audited: its answer must not serve another request from the response cache.
    if (call.context.state) call.context.state.audited = true;
    return next.handle();
  }
}
