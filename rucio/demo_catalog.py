"""The demo catalog: ATLAS- and CMS-style datasets with the metadata Rucio keeps in DID columns."""

DATA18_RUNS = [348885, 349011, 349114, 349268, 349533, 349842, 350013, 350184, 350479, 350880, 351160, 352107]
MC20_SAMPLES = [
    (700320, "Sh_2211_Zee_maxHTpTV2_BFilter", 2_000_000),
    (700321, "Sh_2211_Zee_maxHTpTV2_CFilterBVeto", 1_800_000),
    (700323, "Sh_2211_Zmumu_maxHTpTV2_BFilter", 2_100_000),
    (410470, "PhPy8EG_A14_ttbar_hdamp258p75_nonallhad", 9_500_000),
    (410471, "PhPy8EG_A14_ttbar_hdamp258p75_allhad", 4_000_000),
    (364100, "Sherpa_221_NNPDF30NNLO_Zmumu_MAXHTPTV0_70_CVetoBVeto", 8_000_000),
    (361106, "PowhegPythia8EvtGen_AZNLOCTEQ6L1_Zee", 5_000_000),
    (345058, "PowhegPythia8EvtGen_NNPDF3_AZNLO_ggZH125_vvbb", 500_000),
]
CMS_SAMPLES = [
    ("Run2018A", "EGamma", "MINIAOD", "UL2018_MiniAODv2-v1"),
    ("Run2018B", "EGamma", "MINIAOD", "UL2018_MiniAODv2-v1"),
    ("Run2018A", "SingleMuon", "NANOAOD", "UL2018_MiniAODv2_NanoAODv9-v2"),
    ("Run2018C", "SingleMuon", "NANOAOD", "UL2018_MiniAODv2_NanoAODv9-v2"),
    ("Run2018D", "JetHT", "MINIAOD", "UL2018_MiniAODv2-v1"),
    ("Run2017F", "DoubleMuon", "NANOAOD", "UL2017_MiniAODv2_NanoAODv9-v1"),
]
USER_ANALYSES = ["ttbar_xsec", "hmumu_bdt", "zee_calib", "dijet_resonance"]


def _data18() -> list[dict]:
    datasets = []
    for index, run in enumerate(DATA18_RUNS):
        for datatype, tag in (("DAOD_PHYS", "r13286_p4910"), ("DAOD_PHYSLITE", "r13286_p5631")):
            name = f"data18_13TeV.{run:08d}.physics_Main.deriv.{datatype}.{tag}"
            meta = {"project": "data18_13TeV", "run_number": run, "stream_name": "physics_Main", "prod_step": "deriv",
                    "datatype": datatype, "version": tag, "campaign": "grp18", "events": 150_000 + 37_411 * index}
            datasets.append({"scope": "data18_13TeV", "name": name, "meta": meta})
    return datasets


def _mc20() -> list[dict]:
    datasets = []
    for dsid, physics, events in MC20_SAMPLES:
        for datatype, tag, campaign in (("DAOD_PHYS", "e8351_s3681_r13144_p5057", "mc20a"),
                                        ("DAOD_PHYS", "e8351_s3681_r13145_p5057", "mc20d")):
            name = f"mc20_13TeV.{dsid}.{physics}.deriv.{datatype}.{tag}"
            meta = {"project": "mc20_13TeV", "run_number": dsid, "stream_name": physics, "prod_step": "deriv",
                    "datatype": datatype, "version": tag, "campaign": campaign, "events": events}
            datasets.append({"scope": "mc20_13TeV", "name": name, "meta": meta})
    return datasets


def _cms() -> list[dict]:
    datasets = []
    for era, primary, tier, processing in CMS_SAMPLES:
        name = f"{era}.{primary}.{tier}.{processing}"
        meta = {"project": era, "stream_name": primary, "datatype": tier, "version": processing,
                "campaign": processing.split("_")[0], "prod_step": "reco", "events": 3_000_000}
        datasets.append({"scope": "cms_run2", "name": name, "meta": meta})
    return datasets


def _user() -> list[dict]:
    return [{"scope": "user.jdoe", "name": f"user.jdoe.{analysis}.v{version}",
             "meta": {"project": "user", "datatype": "NTUP", "version": f"v{version}", "prod_step": "user"}}
            for analysis in USER_ANALYSES for version in (1, 2)]


def demo_datasets() -> list[dict]:
    return _data18() + _mc20() + _cms() + _user()


def _names(datasets: list[dict], **meta) -> list[dict]:
    return [d for d in datasets if all(d["meta"].get(k) == v for k, v in meta.items())]


_ALL = demo_datasets()
CONTAINERS = [
    {"scope": "data18_13TeV", "name": "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910",
     "meta": {"project": "data18_13TeV", "stream_name": "physics_Main", "datatype": "DAOD_PHYS", "campaign": "grp18"},
     "datasets": _names(_ALL, project="data18_13TeV", datatype="DAOD_PHYS")},
    {"scope": "data18_13TeV", "name": "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYSLITE.grp18_v01_p5631",
     "meta": {"project": "data18_13TeV", "stream_name": "physics_Main", "datatype": "DAOD_PHYSLITE", "campaign": "grp18"},
     "datasets": _names(_ALL, project="data18_13TeV", datatype="DAOD_PHYSLITE")},
    {"scope": "mc20_13TeV", "name": "mc20_13TeV.Zjets_Sherpa2211.deriv.DAOD_PHYS.mc20a_p5057",
     "meta": {"project": "mc20_13TeV", "datatype": "DAOD_PHYS", "campaign": "mc20a"},
     "datasets": [d for d in _names(_ALL, project="mc20_13TeV", campaign="mc20a") if "Sh_2211" in d["name"]]},
]
