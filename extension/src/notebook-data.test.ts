import type { TranslationBundle } from "@jupyterlab/translation";
import type { DatasetRef } from "@rucio-catalog/protocol";
import { describe, expect, it } from "vitest";
import {
  buildPathsCell as buildCell,
  declaredDatasets,
  pathsCellDecision as decide,
  pythonIdentifier,
  withInsertedDatasets,
  type IInsertedDataset,
} from "./notebook-data";
import { catalogStrings } from "./translation";

const english = catalogStrings(null);
const buildPathsCell = (items: IInsertedDataset[]) => buildCell(items, english);
const pathsCellDecision = (kernel: { languageInfo?: unknown; kernelspec?: unknown }) => decide(kernel, english);

const phys: DatasetRef = {
  instance: "default",
  scope: "data18_13TeV",
  name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910",
  type: "DATASET",
};
const inserted: IInsertedDataset = {
  dataset: phys,
  mode: "download",
  localPaths: ["/home/u/rucio-data/data18_13TeV/ds/f1.root", "/home/u/rucio-data/data18_13TeV/ds/f2.root"],
};

describe("pythonIdentifier", () => {
  it("turns a DID name into a lowercase Python name", () => {
    expect(pythonIdentifier(phys.name, new Set())).toBe("data18_13tev_00348885_physics_main_deriv_daod_phys_r13286_p4");
  });

  it.each([
    ["12345.root", "ds_12345_root"],
    ["...", "ds_"],
    ["class", "class_"],
    ["user.jdoe:/store/x", "user_jdoe_store_x"],
  ])("makes %j a valid identifier", (name, expected) => {
    const identifier = pythonIdentifier(name, new Set());
    expect(identifier).toBe(expected);
    expect(identifier).toMatch(/^[a-z_][a-z0-9_]*$/);
  });

  it("numbers repeated names", () => {
    const taken = new Set<string>();
    expect([pythonIdentifier("a.b", taken), pythonIdentifier("a-b", taken), pythonIdentifier("a b", taken)]).toEqual([
      "a_b",
      "a_b_2",
      "a_b_3",
    ]);
  });
});

describe("buildPathsCell", () => {
  it("writes a commented Python list of the local paths", () => {
    expect(buildPathsCell([inserted])).toBe(
      [
        "# Rucio dataset data18_13TeV:data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910 (default, download mode, 2 files)",
        "data18_13tev_00348885_physics_main_deriv_daod_phys_r13286_p4 = [",
        '    "/home/u/rucio-data/data18_13TeV/ds/f1.root",',
        '    "/home/u/rucio-data/data18_13TeV/ds/f2.root",',
        "]",
      ].join("\n"),
    );
  });

  it("quotes paths with quotes, backslashes and newlines as Python literals", () => {
    const cell = buildPathsCell([{ ...inserted, localPaths: ['/eos/a "b"\\c\nd'] }]);
    expect(cell).toContain('    "/eos/a \\"b\\"\\\\c\\nd",');
  });

  it("gives each dataset its own variable", () => {
    const other = { ...inserted, dataset: { ...phys, scope: "mc20_13TeV" }, localPaths: ["/x"] };
    const cell = buildPathsCell([inserted, other]);
    expect(cell.match(/^\w+ = \[$/gm)).toEqual([
      "data18_13tev_00348885_physics_main_deriv_daod_phys_r13286_p4 = [",
      "data18_13tev_00348885_physics_main_deriv_daod_phys_r13286_p4_2 = [",
    ]);
    expect(cell).toContain("(default, download mode, 1 file)");
  });

  it("writes its comment in the user's language, on one line whatever the translation", () => {
    const german: TranslationBundle = Object.assign(Object.create(english) as TranslationBundle, {
      __: (msgid: string, ...args: unknown[]) => english.__(msgid === "dataset" ? "Datensatz" : msgid, ...args),
      _n: (_msgid: string, _plural: string, n: number, ...args: unknown[]) =>
        english.__("Rucio-%2 %3\n(%4, Modus %5, %1 Dateien)", n, ...args),
    });
    expect(buildCell([inserted], german).split("\n")[0]).toBe(
      `# Rucio-Datensatz data18_13TeV:${phys.name} (default, Modus download, 2 Dateien)`,
    );
  });
});

describe("withInsertedDatasets", () => {
  const entry = {
    instance: "default",
    scope: phys.scope,
    name: phys.name,
    type: "DATASET",
    mode: "download",
    local_paths: inserted.localPaths,
  };

  it("records instance, scope, name, mode and local paths", () => {
    expect(withInsertedDatasets(undefined, [inserted])).toEqual({ datasets: [entry] });
  });

  it("keeps other datasets and other keys, and replaces an entry for the same DID", () => {
    const existing = {
      note: "kept",
      datasets: [
        { ...entry, mode: "rule", local_paths: ["/old"] },
        { ...entry, scope: "other" },
      ],
    };
    expect(withInsertedDatasets(existing, [inserted])).toEqual({
      note: "kept",
      datasets: [entry, { ...entry, scope: "other" }],
    });
  });
});

describe("declaredDatasets", () => {
  const session = { instance: "atlas", mode: "rule" as const };

  it("reads our metadata", () => {
    const metadata = withInsertedDatasets(undefined, [inserted]);
    expect(declaredDatasets({ rucio_catalog: metadata }, session)).toEqual([
      { ...phys, mode: "download", localPaths: inserted.localPaths },
    ]);
  });

  it("reads the older extension's attachments with the session's instance and mode", () => {
    const legacy = [
      { did: "user.jdoe:user.jdoe.test.v1", variableName: "test", type: "collection" },
      { did: "data18_13TeV:one.file.root", variableName: "f", type: "file" },
    ];
    expect(declaredDatasets({ rucio_attachments: legacy }, session)).toEqual([
      { instance: "atlas", scope: "user.jdoe", name: "user.jdoe.test.v1", type: "DATASET", mode: "rule" },
      { instance: "atlas", scope: "data18_13TeV", name: "one.file.root", type: "FILE", mode: "rule" },
    ]);
  });

  it("lists a DID declared in both formats once", () => {
    const metadata = {
      rucio_catalog: withInsertedDatasets(undefined, [inserted]),
      rucio_attachments: [{ did: `${phys.scope}:${phys.name}`, type: "collection" }],
    };
    expect(declaredDatasets(metadata, { instance: "default", mode: "rule" })).toHaveLength(1);
  });

  it.each([
    ["not a list", { rucio_catalog: { datasets: "x" }, rucio_attachments: {} }],
    [
      "entries with invalid scopes",
      { rucio_catalog: { datasets: [{ instance: "default", scope: "../x", name: "n" }] } },
    ],
    ["attachments without a scope", { rucio_attachments: [{ did: "no-scope" }, { did: ":name" }, null, 42] }],
  ])("skips %s", (_label, metadata) => {
    expect(declaredDatasets(metadata, session)).toEqual([]);
  });
});

describe("pathsCellDecision", () => {
  const python3 = { name: "python3", display_name: "Python 3", language: "python" };

  it.each([
    ["language_info python", { languageInfo: { name: "python", version: "3.12" } }],
    ["kernelspec language python", { kernelspec: python3 }],
    ["both, in any case", { languageInfo: { name: "Python" }, kernelspec: { language: "PYTHON" } }],
    ["a versioned name", { kernelspec: { language: "python3" } }],
  ])("inserts the cell for %s", (_label, kernel) => {
    expect(pathsCellDecision(kernel)).toEqual({ insert: true });
  });

  it.each([
    ["an R kernel", { languageInfo: { name: "R" }, kernelspec: { language: "R" } }, 'is "R", not Python'],
    ["a C++ kernel saved as Python", { languageInfo: { name: "c++" }, kernelspec: python3 }, 'is "c++", not Python'],
    ["a Julia kernelspec", { kernelspec: { name: "julia-1.10", language: "julia" } }, 'is "julia", not Python'],
    ["a language that only starts like Python", { languageInfo: { name: "pythonish" } }, 'is "pythonish", not Python'],
    ["no kernel metadata", {}, "is unknown"],
    ["metadata of the wrong shape", { languageInfo: "python", kernelspec: { language: 42 } }, "is unknown"],
    ["an empty language", { languageInfo: { name: " " }, kernelspec: null }, "is unknown"],
  ])("records metadata only for %s, saying why", (_label, kernel, why) => {
    const decision = pathsCellDecision(kernel);
    expect(decision.insert).toBe(false);
    expect(!decision.insert && decision.reason).toBe(`the notebook's kernel language ${why}`);
  });

  it("says why in the user's language", () => {
    const french: TranslationBundle = Object.assign(Object.create(english) as TranslationBundle, {
      __: (msgid: string, ...args: unknown[]) =>
        english.__(
          msgid === "the notebook's kernel language is %1, not Python" ? "le noyau parle %1, pas Python" : msgid,
          ...args,
        ),
    });
    expect(decide({ kernelspec: { language: "R" } }, french)).toEqual({
      insert: false,
      reason: 'le noyau parle "R", pas Python',
    });
  });
});
