/** Token login (§19.2): `POST /api/v1/session {token}` sets the session cookie. */
import { useState } from "react";
import { api } from "../api-client.js";
import { useRequest } from "../use-request.js";
import { OutcomeLine } from "./actions.js";
import { Form } from "./field.js";

export function Login({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [token, setToken] = useState("");
  const request = useRequest();
  const submit = () => request.send(() => api.post("/api/v1/session", { token }), onLoggedIn);
  return (
    <Form className="login" onSubmit={submit} aria-label="Log in">
      <h1>oompah</h1>
      <p>This server requires its API token.</p>
      <input
        type="password"
        autoComplete="current-password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <OutcomeLine outcome={request.outcome} />
      <button type="submit" disabled={request.busy || token === ""}>
        Log in
      </button>
    </Form>
  );
}
