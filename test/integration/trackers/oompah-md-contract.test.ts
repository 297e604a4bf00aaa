import { runTrackerContract } from "../../contract/tracker-contract.js";
import { makeRepo, makeTracker } from "./oompah-md-harness.js";

runTrackerContract({
  name: "oompah_md (git sync on, bare origin)",
  make: () => {
    const repo = makeRepo();
    return Promise.resolve({ tracker: makeTracker(repo).tracker });
  },
});
