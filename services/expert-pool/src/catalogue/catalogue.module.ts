import { Module } from '@nestjs/common';
import { ReadCatalogueHttpController } from './read-catalogue/read-catalogue.http.controller';

@Module({ controllers: [ReadCatalogueHttpController] })
export class CatalogueModule {}
