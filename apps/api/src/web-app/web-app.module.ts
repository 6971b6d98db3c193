import { Module } from '@nestjs/common';
import { WebAppMount } from './web-app.mount';

/** The web workbench (apps/web, built by `npm run build:web`) served by the API itself at `/`. */
@Module({ providers: [WebAppMount] })
export class WebAppModule {}
