/** Token login (§19.2): `POST /api/v1/session {token}` sets the session cookie. */
import { useState, type FormEvent } from "react";
import { api, describeError } from "../api-client.js";

export function Login({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    api
      .post("/api/v1/session", { token })
      .then(onLoggedIn, (err: unknown) => setError(describeError(err)));
  };
  return (
    <form className="login" onSubmit={submit} aria-label="Log in">
      <h1>oompah</h1>
      <p>This server requires its API token.</p>
      <input
        type="password"
        autoComplete="current-password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={token === ""}>
        Log in
      </button>
    </form>
  );
}
