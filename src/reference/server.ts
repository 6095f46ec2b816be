/**
 * Fastify adapter: serves `Operation`s over HTTP. Everything fastify would answer by itself
 * (malformed JSON, unsupported media types, unknown routes, crashes) is rewritten into the
 * API's own error envelope, so a consumer never sees fastify's error shape.
 */
import fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'
import { isRecord, withoutQuery } from '../shared'
import { refuse } from './auth'
import { failure, platformFailure, type Reply } from './envelope'
import { apiError } from './errors'
import {
  type Api,
  BASE_PATHS,
  type Operation,
  type OperationContext,
  type OperationRequest,
} from './operation'

export interface ServerOptions {
  /** Accept only these bearer tokens; any non-empty one when unset. */
  tokens?: readonly string[]
}

const stringValues = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(isRecord(value) ? value : {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )

const toOperationRequest = (request: FastifyRequest): OperationRequest => ({
  params: stringValues(request.params),
  query: isRecord(request.query) ? { ...request.query } : {},
  body: request.body,
  headers: request.headers,
})

/** Which API's error shape a request gets when no operation handled it. */
const apiOf = (url: string): Api =>
  url.startsWith(`${BASE_PATHS.platform}/`) ? 'platform' : 'communication'

const errorReply = (api: Api, status: number, message: string): Reply =>
  api === 'platform'
    ? platformFailure(status, message)
    : failure(status, [apiError(status >= 500 ? 'unexpected' : 'invalid', message)])

const unsupported = (type: string): Error =>
  Object.assign(new Error(`Content-Type ${type} is not supported: send application/json`), {
    statusCode: 415,
  })

/** An empty body is no body (DELETE and PUT clients often send the header anyway). */
function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw Object.assign(new Error(`the request body is not valid JSON: ${why}`), {
      statusCode: 400,
    })
  }
}

export function createServer(
  operations: readonly Operation[],
  context: OperationContext,
  options: ServerOptions = {},
): FastifyInstance {
  const app = fastify({ logger: false })

  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, parseJson(String(text)))
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined)
    }
  })

  // Any other media type: an empty body is no body (clients send a default Content-Type
  // even without data); a non-empty one is refused in the envelope.
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, text, done) => {
    if (String(text) === '') return done(null, undefined)
    const type = request.headers['content-type'] ?? '(none)'
    done(unsupported(type), undefined)
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500
    const message = status >= 500 ? `the reference gateway failed: ${error.message}` : error.message
    const { body } = errorReply(apiOf(request.url), status, message)
    return reply.code(status).send(body)
  })

  app.setNotFoundHandler((request, reply) => {
    const api = apiOf(request.url)
    const message = `no operation ${request.method} ${withoutQuery(request.url)}`
    const { body } =
      api === 'platform'
        ? platformFailure(404, message)
        : failure(404, [apiError('missing', message)])
    return reply.code(404).send(body)
  })

  for (const operation of operations) {
    app.route({
      method: operation.method,
      url: operation.url,
      onRequest: (request, reply, done) => {
        const denied = refuse(operation.api, request.headers, options.tokens)
        if (denied) {
          reply.code(denied.status).send(denied.body)
          return
        }
        done()
      },
      handler: (request, reply) => {
        const result = operation.handle(toOperationRequest(request), context)
        if (result.headers) reply.headers(result.headers)
        reply.code(result.status).send(result.body)
      },
    })
  }
  return app
}
