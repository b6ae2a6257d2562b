/**
 * Where migpolicy's verdict knowingly differs from what nova's own code does
 * (test/nova-oracle.test.ts), each with the reason it is accepted. Empty: none is.
 */
export interface AcceptedDisagreement {
  /** The oracle case's name. */
  case: string;
  nova: { outcome: string; control?: string; memory?: string; disks?: string };
  migpolicy: { outcome: string; control?: string; memory?: string; disks?: string };
  reason: string;
}

export const ACCEPTED: AcceptedDisagreement[] = [];
