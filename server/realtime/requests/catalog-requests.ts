import { listArticles, listTemplates } from '../../domain/catalog/catalog-repository';
import { searchKnowledge } from '../../domain/knowledge/knowledge-search';
import { deleteTemplate, importTeamTemplates, saveTemplate } from '../../domain/templates/template-repository';
import type { AgentRequestContext } from './agent-request-context';

/**
 * What the composer offers: the catalog snapshot, knowledge search, and quick replies (checked per
 * role by the repository: agents their own, admins also the team's). Everyone who uses a changed
 * reply hears `catalog:changed` and reads the catalog again.
 */
export function registerCatalogRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, events } = services;

  serve('catalog:snapshot', async () => ({
    articles: await listArticles(db, user.accountId),
    templates: await listTemplates(db, user.accountId, user.id),
  }));

  serve('kb:search', async ({ q, lang, limit }) => {
    const { index } = await services.knowledge.get(user.accountId);
    return { hits: searchKnowledge(index, q, { lang, limit }) };
  });

  serve('templates:save', async (input) => {
    const { template, audience } = await saveTemplate(db, user, input);
    void events.emit({ type: 'catalog.changed', accountId: user.accountId, audience });
    return { template };
  });

  serve('templates:import', async ({ rows }) => {
    const { result, audience } = await importTeamTemplates(db, user, rows);
    if (audience) void events.emit({ type: 'catalog.changed', accountId: user.accountId, audience });
    return result;
  });

  serve('templates:delete', async ({ id }) => {
    const { deleted, audience } = await deleteTemplate(db, user, id);
    if (audience) void events.emit({ type: 'catalog.changed', accountId: user.accountId, audience });
    return { deleted };
  });
}
