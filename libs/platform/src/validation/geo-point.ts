import { ApiProperty } from '@nestjs/swagger';
import type { GeoPoint } from '@civic/contracts';
import { IsNumber, Max, Min } from 'class-validator';

/** Shanghai's bounding box (WGS-84): every location the registries accept lies in it. */
export const SHANGHAI_BOUNDS = { lat: { min: 30.6, max: 32 }, lon: { min: 120.8, max: 122.3 } } as const;

const LAT = `lat must lie in Shanghai (${SHANGHAI_BOUNDS.lat.min.toFixed(1)}-${SHANGHAI_BOUNDS.lat.max.toFixed(1)})`;
const LON = `lon must lie in Shanghai (${SHANGHAI_BOUNDS.lon.min.toFixed(1)}-${SHANGHAI_BOUNDS.lon.max.toFixed(1)})`;

/** A point inside Shanghai's bounding box, as a request states it (a project's or an expert's location). */
export class ShanghaiLocationDto implements GeoPoint {
  @ApiProperty({ example: 31.19861, minimum: SHANGHAI_BOUNDS.lat.min, maximum: SHANGHAI_BOUNDS.lat.max })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(SHANGHAI_BOUNDS.lat.min, { message: LAT })
  @Max(SHANGHAI_BOUNDS.lat.max, { message: LAT })
  lat!: number;

  @ApiProperty({ example: 121.50021, minimum: SHANGHAI_BOUNDS.lon.min, maximum: SHANGHAI_BOUNDS.lon.max })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(SHANGHAI_BOUNDS.lon.min, { message: LON })
  @Max(SHANGHAI_BOUNDS.lon.max, { message: LON })
  lon!: number;
}

/** A point as the HTTP API returns it (WGS-84). */
export class GeoPointView implements GeoPoint {
  @ApiProperty({ example: 31.19861 })
  lat!: number;

  @ApiProperty({ example: 121.50021 })
  lon!: number;
}
