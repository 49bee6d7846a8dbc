import { RoundSettingsDto } from '../start-round/start-round.dto';

/** The scope and options a round would be started with (the same fields and rules as POST /rounds). */
export class PreflightDto extends RoundSettingsDto {}
