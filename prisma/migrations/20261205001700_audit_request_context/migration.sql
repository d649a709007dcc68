-- The audit trail records the request a change came from (Ctx): its user agent and request id, next to the address.
ALTER TABLE "AuditEvent" ADD COLUMN "userAgent" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "requestId" TEXT;
