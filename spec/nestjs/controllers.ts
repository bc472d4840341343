import {
  applyDecorators,
  Body,
  type CanActivate,
  Controller,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  type OnModuleInit,
  Param,
  Post,
  Req,
  Res,
  SetMetadata,
} from '@nestjs/common';
import { allowAnonymous, type JsonResponse, jsonResponse, loginRequiredAjax, permissionRequiredAjax } from 'ajax-guard';

/**
 * The controllers of the NestJS specs: one route for each way a Nest handler
 * takes its parameters, each guarded, as a Nest app writes them.
 */

interface User {
  readonly name: string;
  readonly permissions: readonly string[];
}

const USERS: Readonly<Record<string, User>> = {
  alice: { name: 'alice', permissions: ['items.delete'] },
  bob: { name: 'bob', permissions: [] },
};

/** The request headers that sign in as `name` ('alice' may delete items, 'bob' may not). */
export const as = (name: 'alice' | 'bob'): Record<string, string> => ({ authorization: `Bearer ${name}` });

/** Signs a request in from its bearer token. */
export function signInFrom(request: { headers: Record<string, string | undefined>; user?: User }): void {
  const name = /^Bearer (\w+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (name !== undefined && Object.hasOwn(USERS, name)) request.user = USERS[name];
}

/** Signs callers in from their bearer token, as an app's own authentication guard (passport's, say) does. */
export class SignIn implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    signInFrom(context.switchToHttp().getRequest());
    return true;
  }
}

/** The signed-in user, as apps write it with createParamDecorator. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<{ user?: User }>().user;
});

/** A composed decorator, as Nest apps build them: the guard must survive applyDecorators. */
export const ReaderOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata('role', 'reader'), loginRequiredAjax() as MethodDecorator);

export class CreateItem {
  name!: string;
}

// A response object both platforms' own responses understand: Express's
// res and Fastify's reply each have status(), header() and send().
interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): unknown;
}

@Controller('items')
export class ItemsController {
  @Get('count')
  @loginRequiredAjax()
  count(): { count: number } {
    return { count: 3 };
  }

  @Get('me')
  @loginRequiredAjax()
  me(@CurrentUser() user: User): { name: string } {
    return { name: user.name };
  }

  @Get('request')
  @loginRequiredAjax()
  request(@Req() req: { user: User }): { name: string } {
    return { name: req.user.name };
  }

  @Get('composed')
  @ReaderOnly()
  composed(): { composed: boolean } {
    return { composed: true };
  }

  @Get('respond')
  @loginRequiredAjax()
  respond(@Res() res: ReplyLike): void {
    res.status(200).send({ responded: true });
  }

  @Get('passthrough')
  @loginRequiredAjax()
  passthrough(@Res({ passthrough: true }) res: ReplyLike): { passed: boolean } {
    res.header('x-passed', 'yes');
    return { passed: true };
  }

  @Get(':id')
  @loginRequiredAjax()
  async one(@Param('id') id: string): Promise<{ id: string }> {
    return { id };
  }

  @Post()
  @loginRequiredAjax()
  create(@Body() dto: CreateItem, @Req() req: { user: User }): { created: string; by: string } {
    return { created: dto.name, by: req.user.name };
  }

  @Post('accept')
  @HttpCode(202)
  @loginRequiredAjax()
  accept(@Body() dto: CreateItem): { accepted: string } {
    return { accepted: dto.name };
  }

  @Post('made')
  @loginRequiredAjax()
  made(): JsonResponse<{ made: boolean }> {
    return jsonResponse({ made: true }, { status: 201, headers: { location: '/items/7', 'x-made-by': 'handler' } });
  }

  @Delete(':id')
  @permissionRequiredAjax('items.delete')
  remove(@Param('id') id: string): { removed: string } {
    return { removed: id };
  }
}

/** A class-level guard: every route signed-in only, but the health check, and its lifecycle hook left alone. */
@loginRequiredAjax()
@Controller('account')
export class AccountController implements OnModuleInit {
  initialised = false;

  onModuleInit(): void {
    this.initialised = true;
  }

  @Get()
  show(@CurrentUser() user: User): { name: string } {
    return { name: user.name };
  }

  @Get('health')
  @allowAnonymous()
  health(): { ok: boolean } {
    return { ok: true };
  }
}
