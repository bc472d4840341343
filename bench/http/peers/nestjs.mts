import type { Server } from 'node:http';
import {
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Module,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Start } from '../servers/scenario.mjs';
import { ITEMS, identifyExpress, identifyFastify, ROUTES } from '../servers/scenario.mjs';

// The idiomatic NestJS check: a guard that throws, as @nestjs/passport's
// AuthGuard does; Nest's exception filter answers with its own 401 body.
@Injectable()
class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.switchToHttp().getRequest<{ user?: object | null }>().user) return true;
    throw new UnauthorizedException();
  }
}

@Controller()
class ItemsController {
  @Get(ROUTES.sync)
  @UseGuards(SignedInGuard)
  list() {
    return ITEMS;
  }
}

@Module({ controllers: [ItemsController], providers: [SignedInGuard] })
class AppModule {}

/** Starts a Nest app of `module` on each platform, with the identity hook of that platform, by framework. */
export function onNest(module: object): Record<string, Start> {
  return {
    express: async () => {
      const app = await NestFactory.create(module, new ExpressAdapter(), { logger: false });
      app.use(identifyExpress);
      await app.listen(0, '127.0.0.1');
      return app.getHttpServer() as Server;
    },
    fastify: async () => {
      const adapter = new FastifyAdapter();
      identifyFastify(adapter.getInstance() as never);
      const app = await NestFactory.create(module, adapter, { logger: false });
      await app.listen(0, '127.0.0.1');
      return app.getHttpServer() as Server;
    },
  };
}

/** NestJS 12 with a `CanActivate` guard, on each platform it runs on, by framework. */
export const frameworks: Record<string, Start> = onNest(AppModule);
