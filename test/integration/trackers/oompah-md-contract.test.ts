import { rename, writeFile } from "node:fs/promises";
import { runTrackerContract } from "../../contract/tracker-contract.js";
import { makeRepo, makeTracker } from "./oompah-md-harness.js";

runTrackerContract({
  name: "oompah_md (git sync on, bare origin)",
  make: () => {
    const repo = makeRepo();
    return Promise.resolve({
      tracker: makeTracker(repo).tracker,
      // A plain file where the repository was: every filesystem read below it fails (ENOTDIR).
      cutIo: async () => {
        await rename(repo.work, `${repo.work}.moved`);
        await writeFile(repo.work, "not a repository");
      },
    });
  },
});
