/**
 * Agent backend availability (`GET /api/v1/backends`): which backends can run
 * here and, for the others, the exact command that installs what is missing.
 */
import type { Resource } from "../../../shared/use-resource.js";
import { Panel, ResourceStatus } from "../../../shared/ui/page.js";
import { BACKEND_INFO } from "../model/provider-form.js";
import type { BackendList } from "../model/wire.js";

export function BackendsPanel({ resource }: { resource: Resource<BackendList> }) {
  return (
    <Panel title="Backends" className="backends" testId="backends">
      <ResourceStatus resource={resource} what="backends" loading="Checking backends…" inline />
      {resource.data && (
        <ul>
          {resource.data.backends.map((b) => (
            <li key={b.name} data-testid="backend" data-name={b.name} data-available={b.available}>
              <div className="backend-head">
                <span className={b.available ? "ok" : "error"} aria-hidden="true">
                  {b.available ? "●" : "○"}
                </span>
                <strong>{b.name}</strong>
                <span className="muted">{b.available ? "available" : "unavailable"}</span>
              </div>
              <p className="muted">{BACKEND_INFO[b.name]}</p>
              {b.packages.length > 0 && (
                <p className="muted">
                  {b.packages
                    .map((p) => `${p.name} ${p.installed ? "installed" : "missing"}`)
                    .join(" · ")}
                </p>
              )}
              {b.message && <p>{b.message}</p>}
              {b.hint && (
                <p>
                  To enable: <code data-testid="backend-hint">{b.hint}</code>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
