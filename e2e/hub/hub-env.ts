/** The hub scripts/hub-e2e.sh starts, and the path of the portal behind it. */
export const HUB_URL = process.env.HUB_URL ?? `http://127.0.0.1:${process.env.E2E_HUB_PORT ?? "8700"}`;
export const PORTAL_URL = `${HUB_URL}/services/rucio-catalog`;

/** Hub users of hub/demo-users.json and the Rucio accounts it maps them to. */
export const USERS = {
  ana: { password: "ana-hub-secret", rucioAccount: "jdoe" },
  ben: { password: "ben-hub-secret", rucioAccount: "alice" },
} as const;
