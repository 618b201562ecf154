/** GET /dids/data18_13TeV/{name} as the local Rucio 41 answers it for a demo DID of five files. */
export const recordedDidAnswer = (name: string, type: string) => ({
  scope: "data18_13TeV",
  name,
  type,
  account: "root",
  open: false,
  monotonic: false,
  expired_at: null,
  length: 5,
  bytes: 79772,
});
