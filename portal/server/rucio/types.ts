import "server-only";

// Shapes of Rucio 41 REST answers, field names as Rucio sends them. Strings in Rucio's date format
// arrive as Date. The gateway trusts these shapes (they are not validated at run time).

export type DidType = "FILE" | "DATASET" | "CONTAINER";
export type DidRef = { scope: string; name: string };

/** One result of a DID search with long=true. */
export interface DidSummary extends DidRef {
  did_type: DidType;
  bytes: number | null;
  length: number | null;
}

/** GET /dids/{scope}/{name}: a file, or a collection with its (possibly dynamically counted) size. */
export interface Did extends DidRef {
  type: DidType;
  account: string;
  bytes: number | null;
  length: number | null;
  /** Files only. */
  md5?: string | null;
  adler32?: string | null;
  /** Collections only. */
  open?: boolean | null;
  monotonic?: boolean;
  expired_at?: Date | null;
}

/**
 * DID metadata. With the DID_COLUMN plugin these are the DID table's columns (project, datatype,
 * run_number, stream_name, prod_step, version, campaign, events, guid, created_at, ...); other
 * plugins add free-form keys.
 */
export type DidMeta = DidRef & Record<string, unknown>;

/** A child of a collection (GET /dids/{scope}/{name}/dids). */
export interface DidContent extends DidRef {
  type: DidType;
  bytes: number | null;
  adler32: string | null;
  md5: string | null;
}

export interface DidParent extends DidRef {
  type: DidType;
}

/** A file under a DID, resolved through nested collections (GET /dids/{scope}/{name}/files). */
export interface DidFile extends DidRef {
  bytes: number | null;
  adler32: string | null;
  guid: string | null;
  events: number | null;
  /** Only with long=true. */
  lumiblocknr?: number | null;
}

/** A file listed by POST /dids/bulkfiles, with the collection it was listed for. */
export interface DidFileOf extends Omit<DidFile, "lumiblocknr"> {
  parent_scope: string;
  parent_name: string;
}

export type ReplicaState = "AVAILABLE" | "UNAVAILABLE" | "COPYING" | "BEING_DELETED" | "BAD" | "TEMPORARY_UNAVAILABLE";

export interface PfnInfo {
  rse: string;
  rse_id: string;
  type: "DISK" | "TAPE";
  volatile: boolean;
  domain: "lan" | "wan" | "zip";
  priority: number;
  client_extract: boolean;
}

export interface FileReplicas extends DidRef {
  bytes: number | null;
  md5: string | null;
  adler32: string | null;
  /** PFN -> where it is and how to read it. */
  pfns: Record<string, PfnInfo>;
  /** RSE name -> PFNs on it. */
  rses: Record<string, string[]>;
  /** RSE name -> replica state; filled for every replica with all_states=true, else only available ones. */
  states: Record<string, ReplicaState | string>;
  /** "scope:name" of every ancestor, with resolve_parents=true. */
  parents?: string[];
}

export type RuleState = "REPLICATING" | "OK" | "STUCK" | "SUSPENDED" | "WAITING_APPROVAL" | "INJECT";
export type LockState = "REPLICATING" | "OK" | "STUCK";

export interface Rule extends DidRef {
  id: string;
  account: string;
  did_type: DidType;
  state: RuleState;
  error: string | null;
  rse_expression: string;
  copies: number;
  expires_at: Date | null;
  weight: string | null;
  locked: boolean;
  locks_ok_cnt: number;
  locks_replicating_cnt: number;
  locks_stuck_cnt: number;
  source_replica_expression: string | null;
  activity: string | null;
  grouping: "ALL" | "DATASET" | "NONE";
  notification: string;
  stuck_at: Date | null;
  purge_replicas: boolean;
  ignore_availability: boolean;
  ignore_account_limit: boolean;
  priority: number | null;
  comments: string | null;
  child_rule_id: string | null;
  eol_at: Date | null;
  split_container: boolean;
  meta: string | null;
  created_at: Date;
  updated_at: Date;
  subscription_id?: string | null;
}

export interface ReplicaLock extends DidRef {
  rule_id: string;
  rse_id: string;
  rse: string;
  state: LockState;
}

export interface AccountInfo {
  account: string;
  account_type: "USER" | "GROUP" | "SERVICE";
  status: "ACTIVE" | "SUSPENDED" | "DELETED";
  email: string | null;
  created_at: Date | null;
  updated_at: Date | null;
  suspended_at: Date | null;
  deleted_at: Date | null;
}

/** Local usage of an account on one RSE; limits of -1 (unlimited) arrive as Infinity. */
export interface AccountUsage {
  rse_id: string;
  rse: string;
  bytes: number;
  files: number;
  bytes_limit: number;
  bytes_remaining: number;
}

export interface Rse {
  id: string;
  rse: string;
  vo: string;
  rse_type: "DISK" | "TAPE";
  deterministic: boolean;
  volatile: boolean;
  staging_area: boolean;
  availability_read: boolean;
  availability_write: boolean;
  availability_delete: boolean;
  /** read/write/delete availability as Rucio's 3-bit integer. */
  availability: number;
  qos_class: string | null;
  city?: string | null;
  country_name?: string | null;
  continent?: string | null;
  longitude?: number | null;
  latitude?: number | null;
}

export interface RseProtocol {
  scheme: string;
  hostname: string;
  port: number;
  prefix: string;
  impl: string;
  domains: {
    lan: { read: number | null; write: number | null; delete: number | null };
    wan: {
      read: number | null;
      write: number | null;
      delete: number | null;
      third_party_copy_read: number | null;
      third_party_copy_write: number | null;
    };
  };
  extended_attributes: unknown;
}
