import { existsSync, mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, waitFor } from "../../helpers/sandbox.js";
import { startTestService } from "../../helpers/service.js";

describe("run log retention", () => {
  it("[C200] the daily prune deletes run logs older than agent_log_retention_days and keeps newer ones", async () => {
    const home = join(tempDir(), "home");
    const oldDir = join(home, "agent-logs", "proj", "issue-1");
    const newDir = join(home, "agent-logs", "proj", "issue-2");
    mkdirSync(oldDir, { recursive: true });
    mkdirSync(newDir, { recursive: true });
    const oldLog = join(oldDir, "run-old.jsonl");
    const newLog = join(newDir, "run-new.jsonl");
    writeFileSync(oldLog, '{"type":"usage"}\n');
    writeFileSync(newLog, '{"type":"usage"}\n');
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    utimesSync(oldLog, threeDaysAgo, threeDaysAgo);

    await startTestService({
      workflow: "---\nobservability:\n  agent_log_retention_days: 2\n---\nWork.\n",
      env: { OOMPAH_HOME: home },
    });
    await waitFor(() => !existsSync(oldLog), { what: "the old run log to be pruned" });
    expect(existsSync(oldDir)).toBe(false);
    expect(existsSync(newLog)).toBe(true);
  });
});
