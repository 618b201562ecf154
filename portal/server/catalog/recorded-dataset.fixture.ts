// The demo's ATLAS dataset as the local Rucio 41 records it, and the facet columns the catalog stores for it.
export const RECORDED_DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";

export const RECORDED_DATASET_FACETS = {
  project: "data18_13TeV",
  datatype: "DAOD_PHYS",
  runNumber: 348885,
  streamName: "physics_Main",
  prodStep: "deriv",
  version: "r13286_p4910",
  campaign: "grp18",
};
