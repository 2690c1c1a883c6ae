// The login form of the console: login and password, with the reason when the platform refused them
// or when the previous session ended.
import { useState, type FormEvent } from 'react';
import type { LoginReply } from '../../contract/platform-protocol';
import type { LogIn } from './login';

/** Props of the login form. */
export interface LoginFormProps {
  readonly logIn: LogIn;
  /** Why the practitioner is here again (session expired), shown until the next attempt. */
  readonly notice: string | null;
  readonly onLoggedIn: (reply: LoginReply) => void;
}

const REFUSED = 'Identifiant ou mot de passe incorrect.';
const UNREACHABLE = 'Le serveur ne répond pas. Réessayez dans un instant.';

/** The form that opens the console. */
export function LoginForm({ logIn, notice, onLoggedIn }: LoginFormProps) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (busy) return;
    if (login.trim() === '' || password === '') {
      setError('Saisissez votre identifiant et votre mot de passe.');
      return;
    }
    setBusy(true);
    setError(null);
    void logIn({ login: login.trim(), password }).then((outcome) => {
      setBusy(false);
      if (outcome.ok) {
        setPassword('');
        onLoggedIn(outcome.reply);
      } else {
        setError(outcome.problem === 'refused' ? REFUSED : UNREACHABLE);
      }
    });
  };

  return (
    <main className="login">
      <form className="login-card" data-testid="login-form" onSubmit={submit} noValidate>
        <h1>Console du professionnel de santé</h1>
        <p className="muted">Connectez-vous pour recevoir les patients des cabines.</p>
        {error !== null && (
          <p className="alert alert-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <label htmlFor="login-id">Identifiant</label>
        <input
          id="login-id"
          data-testid="login-id"
          name="username"
          autoComplete="username"
          value={login}
          maxLength={80}
          onChange={(event) => setLogin(event.target.value)}
        />
        <label htmlFor="login-password">Mot de passe</label>
        <input
          id="login-password"
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          maxLength={200}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {busy ? 'Connexion…' : 'Se connecter'}
        </button>
      </form>
    </main>
  );
}
