import { type DidRow, toDidRow } from "../../portal/server/catalog/indexer/did-row";
import * as v from "./synthetic-names";

/**
 * One catalog row as the loaders write it: the indexer's row for the DID (toDidRow) with its scope and an
 * id; sizes and dates typed for comparing in plain JavaScript, `meta` the stored metadata as an object.
 */
export type SyntheticDid = Omit<
  DidRow,
  "bytes" | "length" | "events" | "rucioCreatedAt" | "rucioUpdatedAt" | "meta"
> & {
  id: number;
  instance: string;
  scope: string;
  bytes: bigint;
  length: number;
  events: bigint | null;
  rucioCreatedAt: Date;
  rucioUpdatedAt: Date;
  meta: Record<string, string | number | boolean>;
};

/** Metadata a production task sets on its DIDs, under Rucio's keys (project, run_number, prod_step, …). */
type TaskMeta = Record<string, string | number | boolean | null> & { datatype: string };
/** A container and its datasets (or one lone dataset), as a production task leaves them in Rucio. */
type Family = {
  instance: string;
  scope: string;
  account: string;
  base: string;
  children: string[];
  meta: TaskMeta;
  year: number;
};

/** mulberry32: small, fast, and the same sequence on every machine for a seed. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const tids = (rng: Random, base: string, count: number) =>
  Array.from({ length: count }, () => `${base}_tid${rng.int(10_000_000, 42_000_000)}_00`);

function atlasData(rng: Random): Family {
  const p = rng.pick(v.ATLAS_DATA_PROJECTS);
  const run = rng.int(p.runs[0], p.runs[1]);
  const stream = rng.pick(v.ATLAS_STREAMS);
  const step = rng.pick(v.ATLAS_DATA_STEPS);
  const datatype = rng.pick(step.datatypes);
  const version =
    step.prodStep === "daq"
      ? null
      : step.prodStep === "deriv"
        ? `r${rng.int(13000, 15999)}_p${rng.int(4000, 6999)}`
        : step.prodStep === "merge"
          ? `f${rng.int(900, 1500)}_m${rng.int(1900, 2300)}`
          : `f${rng.int(900, 1500)}`;
  const base = [p.project, String(run).padStart(8, "0"), stream, step.prodStep, datatype, version]
    .filter(Boolean)
    .join(".");
  const children = version ? tids(rng, base, rng.int(1, 2)) : [];
  const meta = {
    project: p.project,
    datatype,
    run_number: run,
    stream_name: stream,
    prod_step: step.prodStep,
    version,
    campaign: p.campaign,
  };
  return {
    instance: "atlas",
    scope: p.project,
    account: step.prodStep === "daq" ? "tier0" : "atlas-prod",
    base,
    children,
    meta,
    year: p.year,
  };
}

function atlasMc(rng: Random, dsids: { dsid: number; short: string }[]): Family {
  const p = rng.pick(v.ATLAS_MC_PROJECTS);
  const { dsid, short } = rng.pick(dsids);
  const campaignIndex = rng.int(0, p.campaigns.length - 1);
  const step = rng.pick(v.ATLAS_MC_STEPS);
  const datatype = rng.pick(step.datatypes);
  const etag = `e${rng.int(5000, 8599)}`;
  const stag = `s${rng.int(3100, 4199)}`;
  const rtag = `r${p.rtags[campaignIndex]}`;
  const version =
    step.prodStep === "evgen"
      ? etag
      : step.prodStep === "simul"
        ? `${etag}_${stag}`
        : step.prodStep === "deriv"
          ? `${etag}_${stag}_${rtag}_p${rng.int(4000, 6999)}`
          : `${etag}_${stag}_${rtag}`;
  const base = `${p.project}.${dsid}.${short}.${step.prodStep}.${datatype}.${version}`;
  const meta = {
    project: p.project,
    datatype,
    run_number: dsid,
    stream_name: short,
    prod_step: step.prodStep,
    version,
    campaign: p.campaigns[campaignIndex]!,
  };
  return {
    instance: "atlas",
    scope: p.project,
    account: "atlas-prod",
    base,
    children: tids(rng, base, rng.int(1, 3)),
    meta,
    year: p.year,
  };
}

function atlasUser(rng: Random, users: string[]): Family {
  const group = rng.next() < 0.25;
  const scope = group ? rng.pick(v.GROUP_SCOPES) : `user.${rng.pick(users)}`;
  const analysis = rng.pick(v.USER_ANALYSES);
  const source = rng.pick(v.ATLAS_DERIVATIONS);
  const version = `v${rng.int(1, 40)}`;
  const base = `${scope}.${rng.int(300000, 700999)}.${analysis}.${source}.${version}_${rng.pick(["ANALYSIS", "NTUP", "hist", "tree", "output"])}`;
  const meta = {
    project: group ? "group" : "user",
    datatype: rng.pick(["NTUP", "HIST", "ROOT", source]),
    run_number: null,
    stream_name: null,
    prod_step: "user",
    version,
    campaign: null,
  };
  const account = group ? `${scope.slice(6)}-prod` : scope.slice(5);
  return {
    instance: "atlas",
    scope,
    account,
    base,
    children: rng.next() < 0.6 ? [] : tids(rng, base, 1),
    meta,
    year: rng.int(2016, 2026),
  };
}

function cms(rng: Random): Family {
  const blocks = (base: string) =>
    Array.from({ length: rng.int(1, 4) }, () => `${base}#${[8, 4, 4, 4, 12].map((n) => hex(rng, n)).join("-")}`);
  if (rng.next() < 0.5) {
    const e = rng.pick(v.CMS_DATA_ERAS);
    const primary = rng.pick(v.CMS_PRIMARY_DATA);
    const processing = rng.pick(e.processing);
    const tier = rng.pick(v.CMS_DATA_TIERS);
    const base = `/${primary}/${e.era}-${processing}/${tier}`;
    const meta = {
      project: e.era,
      datatype: tier,
      run_number: null,
      stream_name: primary,
      prod_step: tier === "RAW" ? "daq" : "reco",
      version: processing,
      campaign: processing.split("_")[0]!,
      // CMS's own keys, as a PostgreSQL-backed Rucio holds them in its JSON metadata.
      era: e.era,
      primary_dataset: primary,
      data_tier: tier,
    };
    return { instance: "cms", scope: "cms", account: "transfer_ops", base, children: blocks(base), meta, year: e.year };
  }
  const c = rng.pick(v.CMS_MC_CAMPAIGNS);
  const primary = rng.pick(v.CMS_MC_PRIMARY);
  const tier = rng.pick(v.CMS_MC_TIERS);
  const processing = `${c.conditions}-v${rng.int(1, 3)}`;
  const base = `/${primary}/${c.campaign}${tier.startsWith("NANO") ? "NanoAODv9" : tier.startsWith("MINI") ? "MiniAODv2" : ""}-${processing}/${tier}`;
  const meta = {
    project: c.campaign,
    datatype: tier,
    run_number: null,
    stream_name: primary.split("_")[0]!,
    prod_step: "sim",
    version: processing,
    campaign: c.campaign,
    era: c.campaign,
    primary_dataset: primary,
    data_tier: tier,
  };
  return { instance: "cms", scope: "cms", account: "wmcore_output", base, children: blocks(base), meta, year: c.year };
}

function hex(rng: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += "0123456789abcdef"[rng.int(0, 15)];
  return out;
}

function mcDatasetIds(rng: Random, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    dsid: 361000 + i * 7 + rng.int(0, 6),
    short: `${rng.pick(v.MC_GENERATORS)}_${rng.pick(v.MC_PROCESSES)}`,
  }));
}

/** Share of each experiment area; rows are produced area by area, as an indexer walking scopes writes them. */
const AREAS = [
  { share: 0.35, make: (rng: Random) => atlasData(rng) },
  { share: 0.4, make: (rng: Random, ctx: Context) => atlasMc(rng, ctx.dsids) },
  { share: 0.1, make: (rng: Random, ctx: Context) => atlasUser(rng, ctx.users) },
  { share: 0.15, make: (rng: Random) => cms(rng) },
];
type Context = { dsids: { dsid: number; short: string }[]; users: string[] };

const DAY_MS = 86_400_000;
const LATEST = Date.UTC(2026, 10, 20);

/**
 * `count` catalog rows with ids 1..count, deterministic for a seed: the same rows on every run, so the
 * SQLite and PostgreSQL catalogs hold exactly the same data.
 */
export function* syntheticCatalog(count: number, seed = 20261124): Generator<SyntheticDid> {
  const rng = random(seed);
  const ctx: Context = {
    dsids: mcDatasetIds(rng, Math.max(50, Math.round(count / 60))),
    users: Array.from(
      { length: Math.max(10, Math.round(count / 2500)) },
      (_, i) => `${rng.pick(["jdoe", "alice", "bwayne", "mcurie", "pdirac", "lmeitner", "efermi", "rfeynman"])}${i}`,
    ),
  };
  const seen = new Set<string>();
  let id = 0;
  for (const [index, area] of AREAS.entries()) {
    const end = index === AREAS.length - 1 ? count : Math.min(count, id + Math.round(area.share * count));
    while (id < end) {
      const family = area.make(rng, ctx);
      for (const row of familyRows(rng, family, end - id)) {
        const key = `${row.instance}:${row.scope}:${row.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield { ...row, id: ++id };
      }
    }
  }
}

function familyRows(rng: Random, family: Family, room: number): Omit<SyntheticDid, "id">[] {
  const created = Math.min(LATEST, Date.UTC(family.year, 0, 1) + rng.int(0, 5 * 365) * DAY_MS + rng.int(0, DAY_MS - 1));
  const datasets = family.children.length ? family.children : [family.base];
  const rows = datasets.slice(0, room).map((name, index) => {
    const events = rng.int(1_000, 20_000_000);
    const bytes = Math.round(events * v.bytesPerEvent(family.meta.datatype) * (0.6 + rng.next() * 0.8));
    return row(family, name, "DATASET", BigInt(bytes), events, new Date(created + index * 3_600_000));
  });
  if (family.children.length && rows.length < room) {
    const bytes = rows.reduce((sum, r) => sum + r.bytes, 0n);
    const events = rows.reduce((sum, r) => sum + (r.events ?? 0n), 0n);
    rows.push(row(family, family.base, "CONTAINER", bytes, Number(events), new Date(created - DAY_MS)));
  }
  return rows;
}

/** The row the indexer makes of this DID's metadata as Rucio would list it. */
function row(
  family: Family,
  name: string,
  didType: "DATASET" | "CONTAINER",
  bytes: bigint,
  events: number,
  createdAt: Date,
): Omit<SyntheticDid, "id"> {
  const length = Math.max(1, Math.round(Number(bytes) / 4e9));
  const updatedAt = new Date(createdAt.getTime() + 7 * DAY_MS);
  const meta: Record<string, string | number | boolean> = {
    did_type: didType,
    bytes: Number(bytes),
    length,
    events,
    account: family.account,
    availability: "AVAILABLE",
    is_open: didType === "CONTAINER",
    bytes_per_event: Math.round((Number(bytes) / Math.max(events, 1)) * 1000) / 1000,
  };
  for (const [key, value] of Object.entries(family.meta)) if (value !== null) meta[key] = value;
  const didRow = toDidRow({ ...meta, scope: family.scope, name, created_at: createdAt, updated_at: updatedAt });
  return {
    ...didRow,
    instance: family.instance,
    scope: family.scope,
    bytes,
    length,
    events: BigInt(events),
    rucioCreatedAt: createdAt,
    rucioUpdatedAt: updatedAt,
    meta,
  };
}
