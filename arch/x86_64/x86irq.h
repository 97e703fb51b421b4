/*
 * arch/x86_64/x86irq.h: interrupt controllers and timers, private to the
 * x86 port (pic.c, apic.c, irq.c, clock.c).
 */
#pragma once
#include "kernel/types.h"

/* Vectors: exceptions 0-31, device IRQs from 0x20, then local ones. */
#define VEC_IRQ0		0x20	/* IRQ n -> vector 0x20 + n */
#define VEC_LAPIC_TIMER		0xf0
#define VEC_SPURIOUS		0xff

/* pic.c */
void	x86_pic_init(uint8_t base);
void	x86_pic_disable(void);
void	x86_pic_mask(unsigned int irq);
void	x86_pic_unmask(unsigned int irq);
bool	x86_pic_spurious(unsigned int irq);
void	x86_pic_eoi(unsigned int irq);

/* apic.c: the local APIC */
bool	x86_lapic_init(uint64_t phys);
void	x86_lapic_eoi(void);
uint32_t x86_lapic_id(void);
void	x86_lapic_timer_start(uint32_t initial_count, uint8_t vector,
			      bool periodic);
void	x86_lapic_timer_stop(void);
uint32_t x86_lapic_timer_current(void);

/* apic.c: I/O APICs */
int	x86_ioapic_init(void);
int	x86_ioapic_route(unsigned int irq, uint8_t vector, uint8_t apic_id);
void	x86_ioapic_mask(unsigned int irq, bool masked);

/* irq.c */
bool	x86_apic_mode(void);
void	x86_irq_trap(unsigned int vector);

/* clock.c */
void	x86_timer_interrupt(void);
