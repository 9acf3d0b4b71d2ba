import type { ReceiptData } from '../receipt/receipt-data';
import { drawerKick, EscPosWidth, receiptToEscPos } from './escpos';

/** A command as the `hardwareCommands` subscription delivers it. */
export interface DeliveredCommand {
  id: string;
  kind: 'PRINT_RECEIPT' | 'OPEN_DRAWER';
  payload: { saleId?: string; receipt?: ReceiptData; reason?: string };
  createdAt: string;
}

/** The bytes a command sends to the printer (the drawer hangs off the printer's kick connector). */
export function commandBytes(command: DeliveredCommand, width: EscPosWidth): Uint8Array {
  switch (command.kind) {
    case 'PRINT_RECEIPT':
      if (!command.payload.receipt) throw new Error('PRINT_RECEIPT without a receipt in its payload');
      return receiptToEscPos(command.payload.receipt, { width });
    case 'OPEN_DRAWER':
      return drawerKick();
    default:
      throw new Error(`unknown command kind ${(command as { kind: string }).kind}`);
  }
}

/** One line for the log: what the command is about. */
export function describeCommand(command: DeliveredCommand): Record<string, unknown> {
  const { payload } = command;
  return {
    commandId: command.id,
    kind: command.kind,
    ...(payload.receipt ? { saleNumber: payload.receipt.saleNumber, total: payload.receipt.totalAmount } : {}),
    ...(payload.reason ? { reason: payload.reason } : {}),
  };
}
