import type { CatalogueEntry, ConsoleCatalogue } from '@civic/contracts/http/console';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, whenSignedOut } from './api';

export interface User {
  subject: string;
  name: string;
  role: 'admin' | 'coordinator';
  universityId?: string;
}

/** The console's catalogue with every entry by id. */
export interface Catalogue extends ConsoleCatalogue {
  byId: Map<string, CatalogueEntry>;
}

interface SessionState {
  user: User | null;
  catalogue: Catalogue | null;
  ended: boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is signed in (from the console's session), and the catalogue's names once signed in. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    void api<{ user: User | null; csrfToken: string }>('GET', '/api/session').then((s) => {
      setCsrfToken(s.csrfToken);
      setUser(s.user);
    });
    return whenSignedOut(() => {
      setEnded(true);
      setUser(null);
    });
  }, []);
  useEffect(() => {
    if (!user) return;
    void api<ConsoleCatalogue>('GET', '/api/catalogue').then((c) => {
      const byId = new Map<string, CatalogueEntry>();
      for (const list of [c.districts, c.universities, c.disciplines, c.issueTypes, c.communityTypes]) for (const e of list) byId.set(e.id, e);
      setCatalogue({ ...c, byId });
    });
  }, [user]);
  const value = useMemo<SessionState>(
    () => ({
      user: user ?? null,
      catalogue,
      ended,
      async signOut() {
        const { redirect } = await api<{ redirect: string }>('POST', '/auth/sign-out');
        window.location.assign(redirect);
      },
    }),
    [user, catalogue, ended],
  );
  if (user === undefined) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
