/** GET /api/audit response shapes, shared by the server's presenter and the web page. */
export interface AuditEntryView {
  id: string;
  seq: number;
  at: string;
  actor: { accountId: string; username: string | null } | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  details: unknown;
}

export interface AuditPage {
  /** The school's time zone: times are shown in it. */
  timeZone: string;
  entries: AuditEntryView[];
  /** Pass as `before` to get the next (older) page; null at the start of the trail. */
  nextBefore: number | null;
}
