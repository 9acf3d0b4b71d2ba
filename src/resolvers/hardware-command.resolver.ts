import { Arg, Authorized, Ctx, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { TenantContext } from '../context';
import { HardwareCommand } from '../entities';
import {
  AcknowledgeHardwareCommandInput,
  HardwareCommandType,
  OpenCashDrawerInput,
  PrintReceiptInput,
} from '../schema/hardware.types';

@Resolver(() => HardwareCommandType)
export class HardwareCommandResolver {
  @Authorized('pos:sale:read')
  @Mutation(() => HardwareCommandType, {
    description: "Prints the sale's receipt on the printer of the terminal it was rung up on",
  })
  printReceipt(@Arg('input') input: PrintReceiptInput, @Ctx() ctx: TenantContext): Promise<HardwareCommand> {
    return ctx.services.hardwareCommands.printReceipt(ctx, input.saleId);
  }

  @Authorized('pos:sale:create')
  @Mutation(() => HardwareCommandType, { description: "Opens the terminal's cash drawer outside a sale" })
  openCashDrawer(@Arg('input') input: OpenCashDrawerInput, @Ctx() ctx: TenantContext): Promise<HardwareCommand> {
    return ctx.services.hardwareCommands.openCashDrawer(ctx, input);
  }

  @Authorized('device:HARDWARE_AGENT')
  @Mutation(() => HardwareCommandType, {
    description: "The terminal's hardware agent reports a command DONE or FAILED",
  })
  acknowledgeHardwareCommand(
    @Arg('input') input: AcknowledgeHardwareCommandInput,
    @Ctx() ctx: TenantContext,
  ): Promise<HardwareCommand> {
    return ctx.services.hardwareCommands.acknowledge(ctx, input);
  }

  @Authorized('pos:sale:read', 'device:HARDWARE_AGENT')
  @Subscription(() => HardwareCommandType, {
    description:
      'Every PENDING command of the terminal first (oldest first), then new ones; each once per subscription',
    subscribe: ({ args, context }) => context.services.subscriptions.hardwareCommands(context, String(args.terminalId)),
  })
  hardwareCommands(
    @Arg('terminalId', () => ID) _terminalId: string,
    @Root() command: HardwareCommand,
  ): HardwareCommand {
    return command;
  }
}
