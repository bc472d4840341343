import { Controller, Get, Module } from '@nestjs/common';
import { loginRequiredAjax } from 'ajax-guard';
import { AjaxGuardModule } from 'ajax-guard/nestjs';
import type { Start } from '../servers/scenario.mjs';
import { ITEMS, ROUTES } from '../servers/scenario.mjs';
import { onNest } from './nestjs.mjs';

// ajax-guard on NestJS: the module hands the method Nest's request, so it
// needs no @Req(); the refusal is ajax-guard's own, the data Nest's to write,
// the same handler as the Nest guard's.
@Controller()
class ItemsController {
  @Get(ROUTES.sync)
  @loginRequiredAjax()
  list() {
    return ITEMS;
  }
}

@Module({ imports: [AjaxGuardModule.forRoot()], controllers: [ItemsController] })
class AppModule {}

/** NestJS 12 with `AjaxGuardModule` and `@loginRequiredAjax()`, on each platform it runs on, by framework. */
export const frameworks: Record<string, Start> = onNest(AppModule);
