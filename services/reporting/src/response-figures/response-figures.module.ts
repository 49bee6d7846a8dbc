import { Module } from '@nestjs/common';
import { ResponseFiguresHttpController } from './response-figures.http.controller';
import { ResponseFigureQueries } from './response-figures.queries';

/** Response figures, from the assignments the round reports already keep. */
@Module({ controllers: [ResponseFiguresHttpController], providers: [ResponseFigureQueries] })
export class ResponseFiguresModule {}
