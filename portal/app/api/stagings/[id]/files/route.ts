import { route } from "@/server/http";
import { listStagedFiles, stagingIdParams } from "@/server/staging";

export const dynamic = "force-dynamic";

/** GET /api/stagings/{id}/files: the rule's files available on the destination, with their local paths. */
export const GET = route({ access: "signed-in", params: stagingIdParams }, ({ signIn, params }) =>
  listStagedFiles(signIn, params.id),
);
