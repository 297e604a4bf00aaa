/**
 * The inline edit form of an item that changes live (a focus, a provider):
 * while untouched it follows the server's value; once edited it keeps the
 * edits (`dirty`) until they are saved or discarded, so a live update never
 * overwrites what the operator typed. An edit's `PATCH` body is computed
 * from the form as opened and the form as edited.
 */
import { useEffect, useState } from "react";
import { sameValue, type BodyResult } from "./forms.js";
import type { Request } from "./use-request.js";

export interface EditForm<V, F> {
  form: F;
  setForm: (form: F) => void;
  dirty: boolean;
  /** Drops the edits. */
  discard: () => void;
  /**
   * Sends the edits (`body(initial, form)`) through `request`; the value the
   * server answers with becomes the new starting point, and the line says "Saved".
   */
  save: <B extends object>(
    request: Pick<Request<string>, "submit">,
    body: (initial: F, form: F) => BodyResult<B>,
    call: (body: B) => Promise<V>,
    onSaved: () => void,
  ) => void;
}

export function useEditForm<V, F>(value: V, toForm: (value: V) => F): EditForm<V, F> {
  const [initial, setInitial] = useState(() => toForm(value));
  const [form, setForm] = useState(initial);
  const dirty = !sameValue(initial, form);
  const snapshot = JSON.stringify(value);
  const reset = (fresh: F) => {
    setInitial(fresh);
    setForm(fresh);
  };

  useEffect(() => {
    if (!dirty) reset(toForm(value));
    // Runs for a new server value only; `dirty` is read at that moment.
  }, [snapshot]);

  const save: EditForm<V, F>["save"] = (request, body, call, onSaved) =>
    request.submit(body(initial, form), call, (saved) => {
      reset(toForm(saved));
      onSaved();
      return "Saved";
    });

  return { form, setForm, dirty, discard: () => setForm(initial), save };
}
