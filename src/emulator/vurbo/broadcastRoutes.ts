// The HTTP side of the emulated broadcasts: the `/broadcast/{token}/text` caption stream, the public
// viewer info, password verification (INFERRED path, see core/vurbo/broadcasts.ts) and the host REST
// (list with pagination, create, get, patch, revoke, batch revoke).
import type { ResolvedOptions } from '../options';
import { sendJson, vurboError, type EmulatorServer, type RouteContext } from '../server';
import { SseWriter } from '../sse';
import { hostEditable, isLive, validateFields, type BroadcastRecord } from './broadcastRecords';
import type { BroadcastService } from './broadcastService';
import type { Viewer } from './broadcastViewers';
import { publicView } from './broadcastWire';
import { authenticateVurbo, readJsonBody } from './requests';

const TOKEN_PATTERN = /^[a-z0-9]{4}$/;

export function registerBroadcastRoutes(server: EmulatorServer, options: ResolvedOptions, broadcasts: BroadcastService): void {
  registerViewerRoutes(server, broadcasts);
  registerHostRoutes(server, options, broadcasts);
}

function registerViewerRoutes(server: EmulatorServer, broadcasts: BroadcastService): void {
  const { records, viewers } = broadcasts;

  server.route('GET', '/broadcast/:token/text', (ctx) => {
    const b = records.byToken(ctx.params.token);
    if (!b) return sendJson(ctx.res, 404, vurboError('broadcast_not_found', 'Broadcast not found'));
    if (b.access_type === 'password') {
      const given = ctx.url.searchParams.get('viewer_access_token');
      if (!given) return sendJson(ctx.res, 401, vurboError('broadcast_password_required', 'This broadcast requires a password'));
      if (!broadcasts.hasViewerAccess(b, given))
        return sendJson(ctx.res, 401, vurboError('viewer_access_token_invalid', 'Invalid or expired viewer access token'));
    }
    if (viewers.count(b.id) >= b.max_viewers)
      return sendJson(ctx.res, 503, vurboError('broadcast_full', 'The broadcast has reached its viewer limit', 'error'));
    const viewer: Viewer = { writer: new SseWriter(ctx.res, ctx.fault), lang: ctx.url.searchParams.get('lang') ?? undefined };
    const watching = viewers.add(b, viewer, (listener) => ctx.res.on('close', listener));
    viewer.writer.send('connected', {
      broadcast_id: b.id,
      name: b.name,
      status: b.status,
      phase: b.status === 'active' ? (b.phase ?? 'standby') : 'standby',
      is_live: isLive(b),
      standby_message: b.standby_message,
      language: viewer.lang ?? null,
      viewer_count: watching,
    });
    viewers.startGenerator(b);
  });

  const viewerTarget = (ctx: RouteContext): BroadcastRecord | undefined => {
    const token = ctx.params.token;
    if (!TOKEN_PATTERN.test(token)) {
      sendJson(ctx.res, 400, vurboError('validation_failed', 'A share token is 4 characters from a-z and 0-9'));
      return undefined;
    }
    const b = records.byToken(token);
    if (!b) sendJson(ctx.res, 404, vurboError('broadcast_not_found', 'Broadcast not found'));
    return b;
  };

  server.route('GET', '/api/v1/viewer/broadcasts/:token', (ctx) => {
    const b = viewerTarget(ctx);
    if (b) sendJson(ctx.res, 200, { data: publicView(b) });
  });

  // INFERRED path and shapes (the docs name a password verification API without its path).
  server.route('POST', '/api/v1/viewer/broadcasts/:token/verify', async (ctx) => {
    const b = viewerTarget(ctx);
    if (!b) return;
    const body = await readJsonBody(ctx);
    const password = body && typeof body.password === 'string' ? body.password : undefined;
    if (password === undefined || password === '') return sendJson(ctx.res, 400, vurboError('validation_failed', 'password is required'));
    if (b.access_type === 'password' && password !== b.pass_code) return sendJson(ctx.res, 401, vurboError('broadcast_password_invalid', 'Incorrect password'));
    const token = broadcasts.grantViewerAccess(b);
    sendJson(ctx.res, 200, { data: { viewer_access_token: token, expires_in: Math.round(broadcasts.settings.viewerTokenTtlMs / 1000) } });
  });
}

function registerHostRoutes(server: EmulatorServer, options: ResolvedOptions, broadcasts: BroadcastService): void {
  const { records } = broadcasts;
  const owned = (ctx: RouteContext, apiKey: string): BroadcastRecord | undefined => {
    const b = records.get(ctx.params.id);
    if (!b || b.apiKey !== apiKey) {
      sendJson(ctx.res, 404, vurboError('broadcast_not_found', 'Broadcast not found'));
      return undefined;
    }
    return b;
  };

  server.route('GET', '/api/v1/broadcasts', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const page = Number(ctx.url.searchParams.get('page') ?? '1');
    const perPage = Number(ctx.url.searchParams.get('per_page') ?? '20');
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return sendJson(ctx.res, 400, vurboError('validation_failed', 'page must be ≥ 1 and per_page between 1 and 100'));
    }
    const all = [...records.all()]
      .filter((b) => b.apiKey === apiKey && b.status !== 'revoked')
      .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    sendJson(ctx.res, 200, {
      data: all.slice((page - 1) * perPage, page * perPage).map((b) => broadcasts.hostView(b)),
      meta: { current_page: page, last_page: lastPage, per_page: perPage, total: all.length },
    });
  });

  server.route('POST', '/api/v1/broadcasts', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const body = await readJsonBody(ctx);
    if (!body) return sendJson(ctx.res, 400, vurboError('validation_failed', 'The body must be a JSON object'));
    const fields = validateFields(body, true);
    if (typeof fields === 'string') return sendJson(ctx.res, 400, vurboError('validation_failed', fields));
    const b = records.create(apiKey, fields);
    sendJson(ctx.res, 201, { data: broadcasts.hostView(b) });
  });

  // Registered before `/:id` so "batch" is not taken for an id.
  server.route('DELETE', '/api/v1/broadcasts/batch', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const body = await readJsonBody(ctx);
    const field = options.batchRevokeField;
    const ids = body && Array.isArray(body[field]) ? (body[field] as unknown[]) : undefined;
    if (!ids || ids.length === 0 || ids.length > 100 || ids.some((i) => typeof i !== 'string')) {
      return sendJson(ctx.res, 400, vurboError('validation_failed', `${field} must be a list of 1–100 broadcast ids`));
    }
    const revoked: string[] = [];
    for (const id of ids as string[]) {
      const b = records.get(id);
      if (b && b.apiKey === apiKey && b.status !== 'revoked') {
        broadcasts.revoke(b);
        revoked.push(id);
      }
    }
    sendJson(ctx.res, 200, { data: { revoked_count: revoked.length, revoked_ids: revoked } });
  });

  server.route('GET', '/api/v1/broadcasts/:id', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    const b = apiKey && owned(ctx, apiKey);
    if (b) sendJson(ctx.res, 200, { data: broadcasts.hostView(b) });
  });

  server.route('PATCH', '/api/v1/broadcasts/:id', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    const b = apiKey && owned(ctx, apiKey);
    if (!b) return;
    if (b.status === 'revoked') return sendJson(ctx.res, 409, vurboError('invalid_state', 'The broadcast was revoked'));
    const body = await readJsonBody(ctx);
    if (!body) return sendJson(ctx.res, 400, vurboError('validation_failed', 'The body must be a JSON object'));
    const fields = validateFields({ ...hostEditable(b), ...body }, false);
    if (typeof fields === 'string') return sendJson(ctx.res, 400, vurboError('validation_failed', fields));
    Object.assign(b, fields);
    sendJson(ctx.res, 200, { data: broadcasts.hostView(b) });
  });

  server.route('DELETE', '/api/v1/broadcasts/:id', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    const b = apiKey && owned(ctx, apiKey);
    if (!b) return;
    if (b.status !== 'revoked') broadcasts.revoke(b);
    sendJson(ctx.res, 200, { data: broadcasts.hostView(b) });
  });
}
