/**
 * Vocabularies for synthetic ATLAS and CMS dataset names. Shapes follow the experiments' nomenclature:
 * ATLAS `project.runNumber|DSID.stream|physicsShort.prodStep.datatype.version[_tidN_00]`,
 * CMS `/Primary/Era-Processing-vN/TIER[#block]`.
 */
export const ATLAS_DATA_PROJECTS = [
  { project: "data15_13TeV", year: 2015, runs: [266904, 284484], campaign: "grp15" },
  { project: "data16_13TeV", year: 2016, runs: [296939, 311481], campaign: "grp16" },
  { project: "data17_13TeV", year: 2017, runs: [325713, 340453], campaign: "grp17" },
  { project: "data18_13TeV", year: 2018, runs: [348885, 364292], campaign: "grp18" },
  { project: "data22_13p6TeV", year: 2022, runs: [427882, 440613], campaign: "grp22" },
  { project: "data23_13p6TeV", year: 2023, runs: [451587, 456749], campaign: "grp23" },
  { project: "data24_13p6TeV", year: 2024, runs: [473235, 486706], campaign: "grp24" },
] as const;

export const ATLAS_STREAMS = [
  "physics_Main",
  "physics_Main",
  "physics_Main",
  "physics_Main",
  "physics_MinBias",
  "physics_ZeroBias",
  "express_express",
  "physics_BphysLS",
  "physics_CosmicCalo",
  "calibration_LArCells",
  "physics_Late",
] as const;

export const ATLAS_DERIVATIONS = [
  "DAOD_PHYS",
  "DAOD_PHYS",
  "DAOD_PHYS",
  "DAOD_PHYSLITE",
  "DAOD_PHYSLITE",
  "DAOD_JETM1",
  "DAOD_JETM2",
  "DAOD_EGAM1",
  "DAOD_EGAM7",
  "DAOD_MUON1",
  "DAOD_TOPQ1",
  "DAOD_HIGG1D1",
  "DAOD_FTAG1",
  "DAOD_STDM7",
  "DAOD_SUSY5",
  "DAOD_EXOT27",
  "DAOD_LLP1",
  "DAOD_TRIG8",
] as const;

/** prodStep → datatypes it produces (data). */
export const ATLAS_DATA_STEPS = [
  { prodStep: "daq", datatypes: ["RAW"] },
  { prodStep: "recon", datatypes: ["AOD", "ESD", "DESDM_MCP", "DRAW_ZMUMU", "HIST"] },
  { prodStep: "merge", datatypes: ["AOD", "HIST", "NTUP_PILEUP"] },
  { prodStep: "deriv", datatypes: ATLAS_DERIVATIONS },
  { prodStep: "deriv", datatypes: ATLAS_DERIVATIONS },
  { prodStep: "deriv", datatypes: ATLAS_DERIVATIONS },
] as const;

export const ATLAS_MC_PROJECTS = [
  { project: "mc16_13TeV", year: 2017, campaigns: ["mc16a", "mc16d", "mc16e"], rtags: [9364, 10201, 10724] },
  { project: "mc20_13TeV", year: 2020, campaigns: ["mc20a", "mc20d", "mc20e"], rtags: [13167, 13144, 13145] },
  { project: "mc21_13p6TeV", year: 2022, campaigns: ["mc21a"], rtags: [13829] },
  {
    project: "mc23_13p6TeV",
    year: 2023,
    campaigns: ["mc23a", "mc23c", "mc23d", "mc23e"],
    rtags: [14622, 14799, 15224, 16083],
  },
] as const;

export const ATLAS_MC_STEPS = [
  { prodStep: "evgen", datatypes: ["EVNT"] },
  { prodStep: "simul", datatypes: ["HITS"] },
  { prodStep: "recon", datatypes: ["AOD", "RDO"] },
  { prodStep: "merge", datatypes: ["AOD"] },
  { prodStep: "deriv", datatypes: ATLAS_DERIVATIONS },
  { prodStep: "deriv", datatypes: ATLAS_DERIVATIONS },
] as const;

export const MC_GENERATORS = [
  "PhPy8EG_A14",
  "Sh_2211",
  "Sh_2214",
  "MGPy8EG_A14N23LO",
  "PowhegPythia8EvtGen_AZNLOCTEQ6L1",
  "aMcAtNloPy8EG_A14",
  "Py8EG_A14NNPDF23LO",
  "PhH7EG_H7UE",
  "MadGraphPythia8EvtGen_A14NNPDF23LO",
] as const;

export const MC_PROCESSES = [
  "ttbar_hdamp258p75_nonallhad",
  "ttbar_hdamp258p75_allhad",
  "ttbar_hdamp258p75_dil",
  "Zee_maxHTpTV2_BFilter",
  "Zmumu_maxHTpTV2_CFilterBVeto",
  "Ztautau_maxHTpTV2_CVetoBVeto",
  "Wenu_maxHTpTV2_BFilter",
  "Wmunu_maxHTpTV2_CVetoBVeto",
  "ggH125_ZZ4lep",
  "VBFH125_gamgam",
  "ttH125_allhad",
  "WH125J_Hbb",
  "ZH125J_Hbb_Zll",
  "jetjet_JZ3WithSW",
  "jetjet_JZ7WithSW",
  "tW_dyn_DR_incl_antitop",
  "tchan_BW50_lept_top",
  "WWlvlv",
  "ZZllll_mll4",
  "WZlvll_mll4",
  "gammajet_direct_BFilter",
  "SUSY_GG_direct_2000_0",
  "Zprime_tt_m3000",
  "HNL_mN10_ctau1mm",
  "minbias_inelastic_high",
] as const;

export const USER_ANALYSES = [
  "ttbar_xsec",
  "hmumu_bdt",
  "zee_calib",
  "dijet_resonance",
  "hh4b_resolved",
  "tau_fakes",
  "jet_calib",
  "ftag_sf",
  "llp_displaced",
  "susy_1lep",
  "vbs_ssww",
  "btag_eff",
  "photon_id",
  "mono_jet",
] as const;

export const GROUP_SCOPES = [
  "group.phys-higgs",
  "group.phys-top",
  "group.phys-susy",
  "group.phys-exotics",
  "group.perf-muons",
  "group.perf-flavtag",
  "group.perf-jets",
  "group.det-indet",
] as const;

export const CMS_DATA_ERAS = [
  {
    era: "Run2016B",
    year: 2016,
    processing: ["UL2016_MiniAODv2-v2", "UL2016_MiniAODv2_NanoAODv9-v1", "21Feb2020_UL2016-v1"],
  },
  { era: "Run2016H", year: 2016, processing: ["UL2016_MiniAODv2-v2", "UL2016_MiniAODv2_NanoAODv9-v1"] },
  {
    era: "Run2017C",
    year: 2017,
    processing: ["UL2017_MiniAODv2-v1", "UL2017_MiniAODv2_NanoAODv9-v1", "09Aug2019_UL2017-v1"],
  },
  { era: "Run2017F", year: 2017, processing: ["UL2017_MiniAODv2-v1", "UL2017_MiniAODv2_NanoAODv9-v1"] },
  {
    era: "Run2018A",
    year: 2018,
    processing: ["UL2018_MiniAODv2-v1", "UL2018_MiniAODv2_NanoAODv9-v2", "12Nov2019_UL2018-v2"],
  },
  {
    era: "Run2018D",
    year: 2018,
    processing: ["UL2018_MiniAODv2-v1", "UL2018_MiniAODv2_NanoAODv9-v2", "PromptReco-v2"],
  },
  { era: "Run2022C", year: 2022, processing: ["22Sep2023-v1", "PromptReco-v1", "ReRecoNanoAODv12-v2"] },
  { era: "Run2023D", year: 2023, processing: ["PromptReco-v2", "22Sep2023_v2-v1"] },
] as const;

export const CMS_PRIMARY_DATA = [
  "JetHT",
  "SingleMuon",
  "EGamma",
  "DoubleMuon",
  "MET",
  "Tau",
  "BTagMu",
  "Charmonium",
  "MuonEG",
  "ZeroBias",
  "JetMET",
  "Muon",
  "DisplacedJet",
  "ParkingBPH1",
] as const;

export const CMS_DATA_TIERS = ["RAW", "AOD", "MINIAOD", "MINIAOD", "NANOAOD", "NANOAOD", "NANOAOD"] as const;

export const CMS_MC_CAMPAIGNS = [
  { campaign: "RunIISummer20UL16", year: 2021, conditions: "106X_mcRun2_asymptotic_v17" },
  { campaign: "RunIISummer20UL17", year: 2021, conditions: "106X_mc2017_realistic_v9" },
  { campaign: "RunIISummer20UL18", year: 2021, conditions: "106X_upgrade2018_realistic_v16_L1v1" },
  { campaign: "Run3Summer22", year: 2022, conditions: "130X_mcRun3_2022_realistic_v5" },
  { campaign: "Run3Summer23", year: 2023, conditions: "130X_mcRun3_2023_realistic_v14" },
] as const;

export const CMS_MC_PRIMARY = [
  "DYJetsToLL_M-50_TuneCP5_13TeV-amcatnloFXFX-pythia8",
  "TTTo2L2Nu_TuneCP5_13TeV-powheg-pythia8",
  "TTToSemiLeptonic_TuneCP5_13TeV-powheg-pythia8",
  "WJetsToLNu_TuneCP5_13TeV-madgraphMLM-pythia8",
  "QCD_Pt-15to7000_TuneCP5_Flat_13TeV_pythia8",
  "GluGluHToZZTo4L_M125_TuneCP5_13TeV_powheg2_JHUGenV7011_pythia8",
  "ZZTo4L_TuneCP5_13TeV_powheg_pythia8",
  "WZTo3LNu_TuneCP5_13TeV-amcatnloFXFX-pythia8",
  "ST_tW_top_5f_inclusiveDecays_TuneCP5_13TeV-powheg-pythia8",
  "GJets_HT-400To600_TuneCP5_13TeV-madgraphMLM-pythia8",
  "VBFHToGG_M125_TuneCP5_13TeV-amcatnlo-pythia8",
  "ttHTobb_M125_TuneCP5_13TeV-powheg-pythia8",
] as const;

export const CMS_MC_TIERS = ["GEN-SIM", "AODSIM", "MINIAODSIM", "MINIAODSIM", "NANOAODSIM", "NANOAODSIM"] as const;

/** Bytes per event by data type: what makes sizes realistic relative to each other. */
export function bytesPerEvent(datatype: string): number {
  if (datatype === "RAW" || datatype === "HITS" || datatype === "RDO" || datatype === "GEN-SIM") return 1_000_000;
  if (datatype === "ESD" || datatype.startsWith("DRAW")) return 1_500_000;
  if (datatype === "AOD" || datatype === "AODSIM") return 400_000;
  if (datatype === "DAOD_PHYSLITE" || datatype.startsWith("NANOAOD")) return 12_000;
  if (datatype.startsWith("MINIAOD")) return 40_000;
  if (datatype === "EVNT") return 20_000;
  if (datatype === "HIST") return 200;
  return 50_000;
}
