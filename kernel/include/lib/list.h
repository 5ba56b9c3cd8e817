/* SPDX-License-Identifier: MIT */
/* Intrusive doubly linked lists, Linux's list_head. */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)     \
	{                        \
		&(name), &(name) \
	}

static inline void INIT_LIST_HEAD(struct list_head *l)
{
	l->next = l;
	l->prev = l;
}

static inline void __list_add(struct list_head *n, struct list_head *prev, struct list_head *next)
{
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

static inline void list_add(struct list_head *n, struct list_head *head)
{
	__list_add(n, head, head->next);
}

static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	__list_add(n, head->prev, head);
}

static inline void list_del(struct list_head *e)
{
	e->next->prev = e->prev;
	e->prev->next = e->next;
	e->next = NULL;
	e->prev = NULL;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define container_of(ptr, type, member)	     ((type *)((char *)(ptr)-offsetof(type, member)))
#define list_entry(ptr, type, member)	     container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_for_each(pos, head)	     for (pos = (head)->next; pos != (head); pos = pos->next)
/*
 * The list_head inside @pos, by address arithmetic rather than &pos->member:
 * at the end of a walk @pos is the head's would-be container, which is no
 * object and can be misaligned for the type (struct page is 64-aligned),
 * and UBSan reports a member access through it.
 */
#define list_member_(pos, member) \
	((struct list_head *)((char *)(pos) + offsetof(__typeof__(*(pos)), member)))
#define list_entry_is_head(pos, head, member) (list_member_(pos, member) == (head))
#define list_for_each_entry(pos, head, member)                         \
	for (pos = list_entry((head)->next, __typeof__(*pos), member); \
	     !list_entry_is_head(pos, head, member);                   \
	     pos = list_entry(list_member_(pos, member)->next, __typeof__(*pos), member))
#define list_for_each_entry_reverse(pos, head, member)                 \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member); \
	     !list_entry_is_head(pos, head, member);                   \
	     pos = list_entry(list_member_(pos, member)->prev, __typeof__(*pos), member))
/* Safe against removal of the current entry. */
#define list_for_each_entry_safe(pos, n, head, member)                                 \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),                 \
	    n = list_entry(list_member_(pos, member)->next, __typeof__(*pos), member); \
	     !list_entry_is_head(pos, head, member);                                   \
	     pos = n, n = list_entry(list_member_(n, member)->next, __typeof__(*n), member))

#endif
