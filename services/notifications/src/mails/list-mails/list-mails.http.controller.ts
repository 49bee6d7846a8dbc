import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@civic/auth';
import { ListMailsQuery, MailListView } from './list-mails.dto';
import { ListMailsService } from './list-mails.service';

@ApiTags('mails')
@Authorize('admin')
@Controller('admin/mails')
export class ListMailsHttpController {
  constructor(private readonly service: ListMailsService) {}

  @Get()
  @ApiOperation({ summary: 'Mails written by notifications, newest first; status=refused lists permanent refusals with the server answer' })
  @ApiOkResponse({ type: MailListView })
  list(@Query() q: ListMailsQuery): Promise<MailListView> {
    return this.service.list(q);
  }
}
